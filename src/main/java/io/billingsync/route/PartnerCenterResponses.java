package io.billingsync.route;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billingsync.partnercenter.CurrentProfile;
import io.billingsync.partnercenter.ResponseClassifier;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/** Reads Partner Center's answers: failures become the exceptions the failure rules route on. */
public final class PartnerCenterResponses {

    private final ResponseClassifier classifier;
    private final PartnerCenterHealth health;
    private final SyncMetrics metrics;

    public PartnerCenterResponses(ResponseClassifier classifier, PartnerCenterHealth health, SyncMetrics metrics) {
        this.classifier = classifier;
        this.health = health;
        this.metrics = metrics;
    }

    public void readProfile(Exchange exchange) {
        ChangeInFlight change = ChangeRoutes.change(exchange);
        change.read(CurrentProfile.of(check(exchange, change, "GET"), etagHeader(exchange.getMessage())));
    }

    /** Any 2xx: the change is stored. An answer without an ETag leaves etagAfter empty. */
    public void readUpdate(Exchange exchange) {
        ChangeInFlight change = ChangeRoutes.change(exchange);
        change.responseReceived();
        change.written(CurrentProfile.etag(check(exchange, change, "PUT"), etagHeader(exchange.getMessage())));
    }

    private ObjectNode check(Exchange exchange, ChangeInFlight change, String operation) {
        metrics.requestTook(operation, System.nanoTime() - change.sentAtNanos());
        Message message = exchange.getMessage();
        int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        byte[] body = message.getBody(byte[].class);
        health.answered(status);
        return classifier.check(operation, change.customerId(), status, name -> message.getHeader(name, String.class),
                body == null ? new byte[0] : body);
    }

    private static String etagHeader(Message message) {
        return message.getHeader("ETag", String.class);
    }
}
