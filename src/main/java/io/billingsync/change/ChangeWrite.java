package io.billingsync.change;

import io.billingsync.profile.SimulatedProfiles;
import io.billingsync.records.SettledChange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * The body the apply-change route takes: one write of 1..N valid changes of one customer, in input order. The
 * profile is read once, the changes are merged onto it one after another, and it is written once.
 *
 * @param changes  the changes to send; empty only when the history's screen left none of them to send
 * @param requests counts every request sent for the write (every round and retry, and those of its changes when
 *                 they are written one by one), towards the requests of its file
 * @param notSent  the outcomes of the changes the history's screen kept from being sent (superseded, duplicate)
 * @param screened whether the history's screen has been through the write (a change is screened once)
 */
public record ChangeWrite(List<ChangeToApply> changes, LongAdder requests, List<SettledChange> notSent,
                          boolean screened) {

    public ChangeWrite {
        if (changes.isEmpty() && notSent.isEmpty()) {
            throw new IllegalArgumentException("a write needs at least one change");
        }
        changes = List.copyOf(changes);
        notSent = List.copyOf(notSent);
    }

    public static ChangeWrite of(ChangeToApply change) {
        return new ChangeWrite(List.of(change), new LongAdder(), List.of(), false);
    }

    public static ChangeWrite of(String sourceFile, List<ChangeEntry> entries, SimulatedProfiles simulation,
                                 LongAdder requests) {
        return new ChangeWrite(entries.stream().map(e -> new ChangeToApply(sourceFile, e, simulation)).toList(), requests,
                List.of(), false);
    }

    /** What the history's screen left of the write: the changes to send, and the outcomes of those it kept back. */
    public ChangeWrite screenedTo(List<ChangeToApply> toSend, List<SettledChange> keptBack) {
        return new ChangeWrite(toSend, requests, keptBack, true);
    }

    /**
     * The changes to send, each as a write of its own, in input order (their requests counted with this write's; as
     * screened already, so each is sent as the screen left it).
     */
    public List<ChangeWrite> singles() {
        return changes.stream().map(c -> new ChangeWrite(List.of(c), requests, List.of(), screened)).toList();
    }

    /** The outcomes of the changes sent together with those of the changes not sent: every change's, in input order. */
    public List<SettledChange> withNotSent(List<SettledChange> sent) {
        if (notSent.isEmpty()) {
            return sent;
        }
        List<SettledChange> all = new ArrayList<>(sent);
        all.addAll(notSent);
        all.sort(Comparator.comparingInt(s -> s.outcome().index()));
        return all;
    }

    public void requestSent() {
        requests.increment();
    }

    public int size() {
        return changes.size();
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
