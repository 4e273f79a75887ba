package io.billingsync.route;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billingsync.metrics.SyncMetrics;
import io.billingsync.partnercenter.CurrentProfile;
import io.billingsync.partnercenter.ResponseClassifier;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/** Reads Partner Center's answers: failures become the exceptions the failure rules route on. */
public final class PartnerCenterResponses {
    /** The variable the PUT route keeps the merge result in while the message carries the request. */
    static final String UPDATE = "update";

    private final ResponseClassifier classifier;
    private final PartnerCenterHealth health;
    private final SyncMetrics metrics;

    public PartnerCenterResponses(ResponseClassifier classifier, PartnerCenterHealth health, SyncMetrics metrics) {
        this.classifier = classifier;
        this.health = health;
        this.metrics = metrics;
    }

    /** The GET's answer becomes the current profile with its ETag. */
    public CurrentProfile readProfile(Exchange exchange) {
        ChangeAttempt attempt = ChangeAttempt.of(exchange);
        CurrentProfile current = CurrentProfile.of(check(exchange, attempt, "GET"), etagHeader(exchange.getMessage()));
        attempt.read(current.etag());
        return current;
    }

    /** Any 2xx: the change is stored; the merge result comes back with the ETag the answer gave (or none). */
    public MergedChange readUpdate(Exchange exchange) {
        ChangeAttempt attempt = ChangeAttempt.of(exchange);
        attempt.responseReceived();
        String etag = CurrentProfile.etag(check(exchange, attempt, "PUT"), etagHeader(exchange.getMessage()));
        return exchange.getVariable(UPDATE, MergedChange.class).stored(etag);
    }

    private ObjectNode check(Exchange exchange, ChangeAttempt attempt, String operation) {
        metrics.requestTook(operation, System.nanoTime() - attempt.sentAtNanos());
        Message message = exchange.getMessage();
        int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        byte[] body = message.getBody(byte[].class);
        health.answered(status);
        return classifier.check(operation, attempt.write().customerId(), status,
                name -> message.getHeader(name, String.class), body == null ? new byte[0] : body);
    }

    private static String etagHeader(Message message) {
        return message.getHeader("ETag", String.class);
    }
}
