package io.billingsync.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.billingsync.sandbox.PartnerCenterSandbox;
import io.billingsync.testkit.ErpExports;
import io.billingsync.testkit.ExpectedChange;
import io.billingsync.testkit.SandboxExtension;
import io.billingsync.testkit.SandboxExtension.Customers;
import io.billingsync.testkit.SandboxExtension.Root;
import io.billingsync.testkit.SyncFolders;
import io.billingsync.testkit.SyncInvariants;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The jar killed with SIGKILL in the middle of a CSV export read through a mapping, several times, then run to the
 * end: every row settled exactly once and Partner Center as after applying every row once, in order. A row's index
 * is its place among the data rows, so the resumed file skips exactly what its journal holds.
 */
@ExtendWith(SandboxExtension.class)
class MappedExportKillIT {
    static final int ROWS = 450;
    static final int CUSTOMERS = 30;
    static final String FILE = "sap-kunden-20261124.csv";

    @Root
    Path root;
    SyncFolders folders;
    PartnerCenterSandbox sandbox;
    @Customers(CUSTOMERS)
    List<String> customers;

    private int totalPuts() {
        return customers.stream().mapToInt(sandbox::putCount).sum();
    }

    @Test
    void killedInTheMiddleOfACsvEveryRowIsSettledOnceAndTheStateIsAsApplyingThemInOrder() throws Exception {
        sandbox.setLatency(Duration.ofMillis(20));
        List<ExpectedChange> changes = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            String company = "Müller-" + String.format("%03d", i);
            changes.add(ExpectedChange.set(customers.get((i * 7) % CUSTOMERS), "SAP-" + i, "companyName", company));
        }
        Files.createDirectories(folders.inbox());
        Files.write(folders.inbox().resolve(FILE), ErpExports.csv(changes));
        Path mapping = Files.writeString(root.resolve("sap-mapping.yaml"), ErpExports.csvMapping(changes), StandardCharsets.UTF_8);
        Path config = ServiceProcess.writeConfig(root, "partnercenter.base-url = " + sandbox.baseUrl(),
                "sync.inbox.quiet-period = 200ms", "sync.inbox.poll-interval = 200ms", "sync.concurrency = 4",
                "sync.coalesce.max-changes = 1", "sync.mappings = sap-*.csv=" + mapping);
        Path log = root.resolve("service.log");
        Map<String, String> environment = Map.of("PARTNERCENTER_TOKEN", sandbox.staticToken());

        for (int stopAt : new int[] {40, 160, 300}) {
            try (ServiceProcess service = ServiceProcess.start(config, log, environment)) {
                await().atMost(Duration.ofSeconds(60)).until(() -> totalPuts() >= stopAt || !service.isAlive());
                service.kill();
            }
        }
        assertThat(totalPuts()).as("killed mid-file").isLessThan(ROWS);
        try (ServiceProcess service = ServiceProcess.start(config, log, environment, "--once")) {
            assertThat(service.awaitExit(120)).isZero();
        }

        SyncInvariants.assertSettledOnce(folders, FILE, changes);
        SyncInvariants.assertSandboxHolds(sandbox, changes);
        SyncInvariants.assertPutsMoveForward(sandbox.requests(), "companyName", changes);
        SyncInvariants.assertNoJournalLeft(folders);
        SyncInvariants.assertNoDeadLetters(folders);
        assertThat(Files.readString(log)).contains(FILE + ": resuming");
    }
}
