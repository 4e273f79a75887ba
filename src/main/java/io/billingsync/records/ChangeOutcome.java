package io.billingsync.records;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.billingsync.failure.FailureCategory;
import io.billingsync.change.ChangeOrder;
import io.billingsync.partnercenter.AddressValidation;
import java.util.List;

/**
 * One change's line in the result record (and in the journal of a file in progress).
 *
 * @param writtenWith       for a change that went out in a write of several changes: the indexes of every change of
 *                          that write, this one included; null for a change written on its own
 * @param addressValidation what Partner Center's address validation said of the address the change set (with
 *                          {@code sync.address-validation} on); null for none
 */
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
        ChangeOrder order,
        List<Integer> writtenWith,
        String position,
        AddressValidation addressValidation) {

    /**
     * The note on a change of a write of several whose every changed field a later change of the same write changed
     * again: it is applied (Partner Center stored the write), but none of its own values reached Partner Center.
     */
    public static final String OVERWRITTEN = "overwritten in the same write by change #%d: every field it changed was"
            + " changed again, so its own values never reached Partner Center";


    public static ChangeOutcome settled(int index, String changeId, String customerId, Outcome outcome, int attempts,
                                        String etagBefore, String etagAfter, List<String> changedFields,
                                        String correlationId, String requestId) {
        return new ChangeOutcome(index, changeId, customerId, outcome, attempts, etagBefore, etagAfter,
                List.copyOf(changedFields), correlationId, requestId, null, null, null, null, null, null, null);
    }

    /** A desired-state entry known to be in effect, not read at this tick: {@code unchanged}, no request, {@code note} why. */
    public static ChangeOutcome notRead(int index, String changeId, String customerId, String note) {
        return new ChangeOutcome(index, changeId, customerId, Outcome.UNCHANGED, 0, null, null, List.of(), null, null,
                null, note, null, null, null, null, null);
    }

    public static ChangeOutcome deadLettered(int index, String changeId, String customerId, int attempts,
                                             String etagBefore, String correlationId, String requestId,
                                             FailureCategory category, String message, String deadLetterFile) {
        return new ChangeOutcome(index, changeId, customerId, Outcome.DEAD_LETTERED, attempts, etagBefore, null,
                List.of(), correlationId, requestId, category, message, deadLetterFile, null, null, null, null);
    }

    /** The same outcome, naming the dead letter written for it. */
    public ChangeOutcome withDeadLetterFile(String file) {
        return new ChangeOutcome(index, changeId, customerId, outcome, attempts, etagBefore, etagAfter, changedFields,
                correlationId, requestId, category, message, file, order, writtenWith, position, addressValidation);
    }

    /** The same outcome with the change's place in the order and what the history decided about it. */
    public ChangeOutcome withOrder(ChangeOrder changeOrder) {
        return new ChangeOutcome(index, changeId, customerId, outcome, attempts, etagBefore, etagAfter, changedFields,
                correlationId, requestId, category, message, deadLetterFile, changeOrder, writtenWith, position,
                addressValidation);
    }

    /**
     * The same outcome as one change of a write of several: {@code write} lists the indexes of every change of that
     * write; {@code overwrittenBy} is the index of the later change that changed again every field this one changed
     * (null when there is none).
     */
    public ChangeOutcome inWrite(List<Integer> write, Integer overwrittenBy) {
        return new ChangeOutcome(index, changeId, customerId, outcome, attempts, etagBefore, etagAfter, changedFields,
                correlationId, requestId, category,
                overwrittenBy == null ? message : String.format(java.util.Locale.ROOT, OVERWRITTEN, overwrittenBy),
                deadLetterFile, order, List.copyOf(write), position, addressValidation);
    }

    /** The same outcome with where the change is in its file ({@code line 3}, {@code row 2 (line 3)}). */
    public ChangeOutcome at(String changePosition) {
        return new ChangeOutcome(index, changeId, customerId, outcome, attempts, etagBefore, etagAfter, changedFields,
                correlationId, requestId, category, message, deadLetterFile, order, writtenWith, changePosition,
                addressValidation);
    }

    /** The same outcome with what address validation said of the address the change set (null: nothing). */
    public ChangeOutcome withAddressValidation(AddressValidation validation) {
        return new ChangeOutcome(index, changeId, customerId, outcome, attempts, etagBefore, etagAfter, changedFields,
                correlationId, requestId, category, message, deadLetterFile, order, writtenWith, position, validation);
    }

    /** A change rejected before any request was made. */
    public static ChangeOutcome invalid(int index, FailureRecord failure, String deadLetterFile) {
        return deadLettered(index, failure.changeId(), failure.customerId(), 0, null, null, null,
                failure.category(), failure.message(), deadLetterFile);
    }
}
