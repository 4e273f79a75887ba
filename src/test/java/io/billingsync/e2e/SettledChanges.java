package io.billingsync.e2e;

import io.billingsync.testkit.ExpectedChange;
import io.billingsync.testkit.SyncFolders;
import io.billingsync.testkit.SyncInvariants;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The invariant after any mix of faults ({@link SyncInvariants}), for test files whose changes each set one
 * customer's email under a unique changeId: every change dropped is settled exactly once, each result record
 * describes exactly the archived file beside it, and Partner Center holds what applying every change once, in
 * order, gives.
 */
final class SettledChanges {
    /** In the order the changes must be applied. */
    private final List<ExpectedChange> dropped = new ArrayList<>();

    /** One NDJSON line (or array element) setting the customer's email, remembered in application order. */
    String change(String changeId, String customerId, String email) {
        ExpectedChange change = ExpectedChange.set(customerId, changeId, "email", email);
        dropped.add(change);
        return change.json();
    }

    String lines(String... changes) {
        return String.join("\n", changes) + "\n";
    }

    void assertHolds(SyncHarness harness) {
        SyncInvariants.assertEachSettledOnceAcrossRecords(harness.folders, dropped);
        SyncInvariants.assertSandboxHolds(harness.sandbox, dropped);
    }

    /** The emails PUT for this customer, in the order the sandbox received them. */
    static List<String> putEmails(SyncHarness harness, String customerId) {
        return SyncInvariants.putValues(harness.sandbox.requests(), customerId, "email");
    }

    static List<Path> records(Path done) {
        return SyncFolders.names(done).stream().filter(n -> n.endsWith(".result.json")).map(done::resolve).toList();
    }

    static List<String> changeFilesIn(Path inbox) {
        return SyncFolders.names(inbox).stream().filter(n -> !n.endsWith(".tmp")).toList();
    }
}
