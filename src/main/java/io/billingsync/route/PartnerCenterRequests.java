package io.billingsync.route;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billingsync.partnercenter.IfMatch;
import io.billingsync.partnercenter.RequestIds;
import java.util.Arrays;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Builds the headers Partner Center wants on every request. The message's other headers are dropped first so
 * nothing else (file names, earlier responses) leaks onto the wire; the bearer token is not a message header
 * at all (the HTTP client adds it).
 */
public final class PartnerCenterRequests {

    private final ObjectMapper json;
    private final String application;
    private final String locale;

    public PartnerCenterRequests(ObjectMapper json, String application, String locale) {
        this.json = json;
        this.application = application;
        this.locale = locale;
    }

    public void prepareGet(Exchange exchange) {
        ChangeInFlight change = ChangeRoutes.change(exchange);
        change.startRound();
        Message message = resetMessage(exchange, change, RequestIds.newRequestId());
        message.setBody(null);
    }

    public void preparePut(Exchange exchange) throws JsonProcessingException {
        ChangeInFlight change = ChangeRoutes.change(exchange);
        byte[] body = json.writeValueAsBytes(change.merge().merged());
        String etag = change.current().etag();
        int bodyHash = Arrays.hashCode(body);
        ChangeInFlight.UnansweredPut unanswered = change.unansweredPut();
        String requestId = unanswered != null && unanswered.etag().equals(etag) && unanswered.bodyHash() == bodyHash
                ? unanswered.requestId()
                : RequestIds.newRequestId();
        change.awaitingPutResponse(new ChangeInFlight.UnansweredPut(etag, bodyHash, requestId));
        Message message = resetMessage(exchange, change, requestId);
        message.setHeader("If-Match", IfMatch.header(etag));
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody(body);
    }

    private Message resetMessage(Exchange exchange, ChangeInFlight change, String requestId) {
        change.sent(requestId);
        Message message = exchange.getMessage();
        message.getHeaders().clear();
        message.setHeader(Exchange.HTTP_PATH, "/" + change.customerId() + "/profiles/billing");
        message.setHeader("Accept", "application/json");
        message.setHeader("MS-RequestId", requestId);
        message.setHeader("MS-CorrelationId", change.correlationId());
        message.setHeader("MS-Contract-Version", "v1");
        message.setHeader("X-Locale", locale);
        message.setHeader("MS-PartnerCenter-Application", application);
        return message;
    }
}
