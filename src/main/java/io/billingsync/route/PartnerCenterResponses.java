package io.billingsync.route;

import io.billingsync.metrics.SyncMetrics;
import io.billingsync.partnercenter.PartnerCenterCall;
import io.billingsync.partnercenter.PartnerCenterCalls;
import io.billingsync.partnercenter.ResponseClassifier;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Reads Partner Center's answer to the call just sent: a 2xx becomes what the call reads it as; a failure becomes the
 * exception the failure rules route on.
 */
public final class PartnerCenterResponses {

    private final ResponseClassifier classifier;
    private final PartnerCenterHealth health;
    private final SyncMetrics metrics;

    public PartnerCenterResponses(ResponseClassifier classifier, PartnerCenterHealth health, SyncMetrics metrics) {
        this.classifier = classifier;
        this.health = health;
        this.metrics = metrics;
        // every call's latency histogram is served from the start, before its first request
        PartnerCenterCalls.ALL.forEach(call -> metrics.expectRequests(call.operation()));
    }

    public Object read(Exchange exchange) {
        ChangeAttempt attempt = ChangeAttempt.of(exchange);
        PartnerCenterCall<?> call = exchange.getVariable(PartnerCenterRequests.CALL, PartnerCenterCall.class);
        metrics.requestTook(call.operation(), System.nanoTime() - attempt.sentAtNanos());
        attempt.answered();
        Message message = exchange.getMessage();
        int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        byte[] body = message.getBody(byte[].class);
        health.answered(status);
        return classifier.read(call, attempt.write().customerId(), status, name -> message.getHeader(name, String.class),
                body == null ? new byte[0] : body);
    }
}
