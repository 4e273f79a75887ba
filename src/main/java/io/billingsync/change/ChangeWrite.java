package io.billingsync.change;

import io.billingsync.profile.SimulatedProfiles;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * The body the apply-change route takes: one write of 1..N valid changes of one customer, in input order. The
 * profile is read once, the changes are merged onto it one after another, and it is written once.
 *
 * @param requests counts every request sent for the write (every round and retry, and those of its changes when
 *                 they are written one by one), towards the requests of its file
 */
public record ChangeWrite(List<ChangeToApply> changes, LongAdder requests) {

    public ChangeWrite {
        if (changes.isEmpty()) {
            throw new IllegalArgumentException("a write needs at least one change");
        }
        changes = List.copyOf(changes);
    }

    public static ChangeWrite of(ChangeToApply change) {
        return new ChangeWrite(List.of(change), new LongAdder());
    }

    public static ChangeWrite of(String sourceFile, List<ChangeEntry> entries, SimulatedProfiles simulation,
                                 LongAdder requests) {
        return new ChangeWrite(entries.stream().map(e -> new ChangeToApply(sourceFile, e, simulation)).toList(), requests);
    }

    /** The same write with only {@code left} of its changes (what the history's screen left to send). */
    public ChangeWrite withChanges(List<ChangeToApply> left) {
        return new ChangeWrite(left, requests);
    }

    /** The changes, each as a write of its own, in input order (their requests counted with this write's). */
    public List<ChangeWrite> singles() {
        return changes.stream().map(c -> new ChangeWrite(List.of(c), requests)).toList();
    }

    public void requestSent() {
        requests.increment();
    }

    public int size() {
        return changes.size();
    }

    /** The file the write's changes come from. */
    public String sourceFile() {
        return changes.get(0).sourceFile();
    }

    /** Read by the GET route for the resource path: every change of a write is for this customer. */
    public String customerId() {
        return changes.get(0).customerId();
    }

    /** For log lines: the change ids of the write. */
    public String changeIds() {
        return changes.stream().map(ChangeToApply::changeId).collect(Collectors.joining(","));
    }

    /** The indexes of the write's changes in their file. */
    public List<Integer> indexes() {
        return changes.stream().map(c -> c.entry().index()).toList();
    }

    public boolean dryRun() {
        return changes.get(0).dryRun();
    }

    public SimulatedProfiles simulation() {
        return changes.get(0).simulation();
    }
}
