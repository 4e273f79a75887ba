package io.billingsync.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * A change as a test writes it into a change file: one customer's field set to a value under its own change id
 * ({@code changedAt} when not null). Applicable when Partner Center accepts it; otherwise it must end dead-lettered.
 */
public record ExpectedChange(String customer, String changeId, Instant changedAt, String field, String value, boolean applicable) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static ExpectedChange set(String customer, String changeId, String field, String value) {
        return new ExpectedChange(customer, changeId, null, field, value, true);
    }

    /** A change that must be dead-lettered: an unknown customer, a field that does not exist. */
    public static ExpectedChange failing(String customer, String changeId, String field, String value) {
        return new ExpectedChange(customer, changeId, null, field, value, false);
    }

    public ExpectedChange madeAt(Instant time) {
        return new ExpectedChange(customer, changeId, time, field, value, applicable);
    }

    /** The change as one NDJSON line (without its line end) or one element of a JSON array. */
    public String json() {
        ObjectNode change = JSON.createObjectNode().put("customerId", customer).put("changeId", changeId);
        if (changedAt != null) {
            change.put("changedAt", changedAt.toString());
        }
        change.putObject("changes").put(field, value);
        return change.toString();
    }
}
