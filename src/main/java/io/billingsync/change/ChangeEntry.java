package io.billingsync.change;

/**
 * One item of a change file: its index in the file, where it is (for people), the exact bytes it was given as
 * (so a dead-lettered change can be replayed as it was), and either a valid change or the problem with it.
 */
public record ChangeEntry(int index, String position, byte[] raw, ChangeRequest change, String problem,
                          String customerId, String changeId) {

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
