package io.billingsync.route;

import io.billingsync.metrics.TraceAttributes;
import io.billingsync.partnercenter.PartnerCenterHeaders;
import io.billingsync.partnercenter.PartnerCenterRequest;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Turns the request of a declared call into the message the partner-center-call route sends: the headers Partner
 * Center wants on every request, the call's own, its body, and its method and path as variables. The message's other
 * headers are dropped first so nothing else (file names, earlier responses) leaks onto the wire; the bearer token is
 * not a message header at all (the HTTP client adds it).
 */
public final class PartnerCenterRequests {
    /** The variables the partner-center-call route sends with: the call, its HTTP method and its path. */
    static final String CALL = "partnerCenterCall";
    static final String METHOD = "partnerCenterMethod";
    static final String PATH = "partnerCenterPath";

    private final String application;
    private final String locale;

    public PartnerCenterRequests(String application, String locale) {
        this.application = application;
        this.locale = locale;
    }

    public void prepare(@Body PartnerCenterRequest request, Exchange exchange) {
        ChangeAttempt attempt = ChangeAttempt.of(exchange);
        String requestId = attempt.requestIdFor(request.resendKey());
        attempt.sent(requestId);
        TraceAttributes.call(attempt.write().customerId(), attempt.write().changeIds(), attempt.correlationId(), requestId);
        exchange.setVariable(CALL, request.call());
        exchange.setVariable(METHOD, request.call().method());
        exchange.setVariable(PATH, request.path());
        Message message = exchange.getMessage();
        message.getHeaders().clear();
        message.setHeader("Accept", "application/json");
        message.setHeader(PartnerCenterHeaders.REQUEST_ID, requestId);
        message.setHeader(PartnerCenterHeaders.CORRELATION_ID, attempt.correlationId());
        message.setHeader(PartnerCenterHeaders.CONTRACT_VERSION, PartnerCenterHeaders.CONTRACT_VERSION_V1);
        message.setHeader(PartnerCenterHeaders.LOCALE, locale);
        message.setHeader(PartnerCenterHeaders.APPLICATION, application);
        request.headers().forEach(message::setHeader);
        if (request.body() != null) {
            message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        }
        message.setBody(request.body());
    }
}
