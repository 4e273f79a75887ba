package io.billingsync.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.billingsync.sandbox.PartnerCenterSandbox;
import io.billingsync.testkit.ExpectedChange;
import io.billingsync.testkit.SyncFolders;
import io.billingsync.testkit.SyncInvariants;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The changes of one test file in input order, and the invariant a test ends on ({@link SyncInvariants}): every
 * change of the file settled exactly once (one result record, each index once, each dead letter a file of its own)
 * and the sandbox in the state of applying the applicable changes in order.
 */
final class ChangeScript {
    /** A customer the sandbox does not know: a change for it is answered 404 and dead-lettered. */
    static final String UNKNOWN_CUSTOMER = "11111111-2222-3333-4444-555555555555";

    private static final AtomicInteger SCRIPTS = new AtomicInteger();

    private final List<ExpectedChange> changes = new ArrayList<>();
    /** Each script's change ids are its own: the history takes an id settled before for a duplicate. */
    private final int script = SCRIPTS.incrementAndGet();

    /** A change Partner Center accepts: sets one string field. */
    ChangeScript set(String customer, String field, String value) {
        changes.add(ExpectedChange.set(customer, nextId(), field, value));
        return this;
    }

    /** A change that must be dead-lettered (an unknown customer, a field that does not exist). */
    ChangeScript failing(String customer, String field, String value) {
        changes.add(ExpectedChange.failing(customer, nextId(), field, value));
        return this;
    }

    private String nextId() {
        return "CH-" + script + "-" + changes.size();
    }

    int size() {
        return changes.size();
    }

    String ndjson() {
        return changes.stream().map(c -> c.json() + "\n").collect(Collectors.joining());
    }

    void assertSandboxMatches(PartnerCenterSandbox sandbox) {
        SyncInvariants.assertSandboxHolds(sandbox, changes);
    }

    /** {@link SyncInvariants#assertSettledOnce}: one result record for {@code fileName}, naming every change once. */
    JsonNode assertSettledOnce(SyncFolders folders, String fileName) {
        return SyncInvariants.assertSettledOnce(folders, fileName, changes);
    }

    /** {@link SyncInvariants#assertRecord}: the record of the file archived as {@code archivedName} names every change once. */
    JsonNode assertRecord(SyncFolders folders, String archivedName) {
        return SyncInvariants.assertRecord(folders, archivedName, changes);
    }

    static List<String> list(Path dir) {
        return SyncFolders.names(dir);
    }
}
