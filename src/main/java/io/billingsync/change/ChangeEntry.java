package io.billingsync.change;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One item of a change file: its index in the file, where it is (for people), the exact bytes it was given as
 * (so a dead-lettered change can be replayed as it was), and either a valid change or the problem with it.
 *
 * @param raw    for a change an input mapping made of an ERP's row or record: the change request it became, as JSON
 * @param source that row or record (for its error record when it is dead-lettered); null for a change request
 *               given as it is
 */
public record ChangeEntry(int index, String position, byte[] raw, ChangeRequest change, String problem,
                          String customerId, String changeId, JsonNode source) {

    public ChangeEntry(int index, String position, byte[] raw, ChangeRequest change, String problem,
                       String customerId, String changeId) {
        this(index, position, raw, change, problem, customerId, changeId, null);
    }

    /** The same entry with another (valid) change, such as the change with fields dropped from it. */
    public ChangeEntry withChange(ChangeRequest other) {
        return new ChangeEntry(index, position, raw, other, null, customerId, changeId, source);
    }

    public boolean valid() {
        return change != null;
    }

    static ChangeEntry of(int index, String position, byte[] raw, ChangeValidator.Result result) {
        return new ChangeEntry(index, position, raw, result.change(), result.problem(), result.customerId(),
                result.changeId());
    }

    static ChangeEntry invalid(int index, String position, byte[] raw, String problem) {
        return new ChangeEntry(index, position, raw, null, problem, null, null);
    }
}
