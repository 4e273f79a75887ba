package io.billingsync.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.billingsync.sandbox.PartnerCenterSandbox;
import io.billingsync.testkit.ChangeLog;
import io.billingsync.testkit.ExpectedChange;
import io.billingsync.testkit.SandboxExtension;
import io.billingsync.testkit.SandboxExtension.Customers;
import io.billingsync.testkit.SandboxExtension.Root;
import io.billingsync.testkit.SyncFolders;
import io.billingsync.testkit.SyncInvariants;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Lines appended to an NDJSON file while the jar processes it, then SIGKILL and a restart: the appended lines are
 * applied too, every line settles exactly once in the one result record, and the sandbox ends in the state of
 * applying every line once, in order.
 */
@ExtendWith(SandboxExtension.class)
class InProgressChangeIT {
    static final int CUSTOMERS = 10;
    static final String FILE = "a.ndjson";

    @Root
    Path root;
    SyncFolders folders;
    PartnerCenterSandbox sandbox;
    @Customers(CUSTOMERS)
    List<String> customers;
    final ChangeLog changes = new ChangeLog();

    private String lines(String prefix, int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            String company = prefix + String.format("%03d", i);
            text.append(changes.add(FILE, ExpectedChange.set(customers.get(changes.all().size() % CUSTOMERS), company, "companyName", company)));
        }
        return text.toString();
    }

    private int totalPuts() {
        return customers.stream().mapToInt(sandbox::putCount).sum();
    }

    @Test
    void linesAppendedBeforeAKillAreAppliedOnceAfterTheRestart() throws Exception {
        sandbox.setLatency(Duration.ofMillis(20));
        Path file = Files.writeString(Files.createDirectories(folders.inbox()).resolve(FILE), lines("A-", 100));
        // the service is stopped at counts of PUTs, one per change: each change its own write
        Path config = ServiceProcess.writeConfig(root, "partnercenter.base-url = " + sandbox.baseUrl(), "sync.concurrency = 4",
                "sync.coalesce.max-changes = 1");
        Path log = root.resolve("service.log");
        Map<String, String> environment = Map.of("PARTNERCENTER_TOKEN", sandbox.staticToken());

        try (ServiceProcess service = ServiceProcess.start(config, log, environment)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> totalPuts() >= 20);
            Files.writeString(file, lines("B-", 30), StandardOpenOption.APPEND);
            await().atMost(Duration.ofSeconds(60)).until(() -> totalPuts() >= 60);
            service.kill();
        }
        assertThat(totalPuts()).as("killed mid-file").isLessThan(changes.all().size());

        try (ServiceProcess service = ServiceProcess.start(config, log, environment)) {
            await().atMost(Duration.ofSeconds(120)).until(() -> Files.exists(folders.done().resolve(FILE + ".result.json")));
            assertThat(service.terminate(30)).isZero();
        }

        // every line once, the archived file what was processed, and no journal left
        SyncInvariants.assertSettledOnce(folders, FILE, changes.of(FILE));
        SyncInvariants.assertSandboxHolds(sandbox, changes.all());
        SyncInvariants.assertEachValuePutOnce(sandbox.requests(), "companyName", changes.all());
        SyncInvariants.assertNoJournalLeft(folders);
    }
}
