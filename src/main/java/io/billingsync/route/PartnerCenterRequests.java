package io.billingsync.route;

import io.billingsync.metrics.TraceAttributes;
import io.billingsync.partnercenter.PartnerCenterHeaders;
import io.billingsync.partnercenter.PartnerCenterRequest;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.http.HttpMethods;

/**
 * Turns the request of a declared call into the message the partner-center-call route sends: the headers Partner
 * Center wants on every request, the call's own, its body, and its method and path below the base URL as Camel's
 * HTTP control headers (not sent: one endpoint serves every request, so none is resolved per request). The message's
 * other headers are dropped first so nothing else (file names, earlier responses) leaks onto the wire; the bearer
 * token is not a message header at all (the HTTP client adds it).
 */
public final class PartnerCenterRequests {
    /** The variable the partner-center-call route reads the answer of: the call. */
    static final String CALL = "partnerCenterCall";

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
        Message message = exchange.getMessage();
        message.getHeaders().clear();
        // as the HTTP component reads it: a text would be converted at each request, through a slow search
        message.setHeader(Exchange.HTTP_METHOD, HttpMethods.valueOf(request.call().method()));
        message.setHeader(Exchange.HTTP_PATH, request.path());
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
