package io.billingsync.records;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.billingsync.failure.FailureCategory;
import io.billingsync.history.ChangeOrder;
import java.util.List;

/** One change's line in the result record (and in the journal of a file in progress). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChangeOutcome(
        int index,
        String changeId,
        String customerId,
        Outcome outcome,
        int attempts,
        String etagBefore,
        String etagAfter,
        List<String> changedFields,
        String correlationId,
        String requestId,
        FailureCategory category,
        String message,
        String deadLetterFile,
        ChangeOrder order) {

    public ChangeOutcome(int index, String changeId, String customerId, Outcome outcome, int attempts,
                         String etagBefore, String etagAfter, List<String> changedFields, String correlationId,
                         String requestId, FailureCategory category, String message, String deadLetterFile) {
        this(index, changeId, customerId, outcome, attempts, etagBefore, etagAfter, changedFields, correlationId,
                requestId, category, message, deadLetterFile, null);
    }

    public static ChangeOutcome settled(int index, String changeId, String customerId, Outcome outcome, int attempts,
                                        String etagBefore, String etagAfter, List<String> changedFields,
                                        String correlationId, String requestId) {
        return new ChangeOutcome(index, changeId, customerId, outcome, attempts, etagBefore, etagAfter,
                List.copyOf(changedFields), correlationId, requestId, null, null, null);
    }

    public static ChangeOutcome deadLettered(int index, String changeId, String customerId, int attempts,
                                             String etagBefore, String correlationId, String requestId,
                                             FailureCategory category, String message, String deadLetterFile) {
        return new ChangeOutcome(index, changeId, customerId, Outcome.DEAD_LETTERED, attempts, etagBefore, null,
                List.of(), correlationId, requestId, category, message, deadLetterFile);
    }

    /** The same outcome, naming the dead letter written for it. */
    public ChangeOutcome withDeadLetterFile(String file) {
        return new ChangeOutcome(index, changeId, customerId, outcome, attempts, etagBefore, etagAfter, changedFields,
                correlationId, requestId, category, message, file, order);
    }

    /** The same outcome with the change's place in the order and what the history decided about it. */
    public ChangeOutcome withOrder(ChangeOrder changeOrder) {
        return new ChangeOutcome(index, changeId, customerId, outcome, attempts, etagBefore, etagAfter, changedFields,
                correlationId, requestId, category, message, deadLetterFile, changeOrder);
    }

    /** A change rejected before any request was made. */
    public static ChangeOutcome invalid(int index, FailureRecord failure, String deadLetterFile) {
        return deadLettered(index, failure.changeId(), failure.customerId(), 0, null, null, null,
                failure.category(), failure.message(), deadLetterFile);
    }
}
