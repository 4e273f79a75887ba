package io.billingsync.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.billingsync.records.DeadLetterFolder;
import io.billingsync.testkit.ErpExports;
import io.billingsync.testkit.ExpectedChange;
import io.billingsync.testkit.SandboxExtension.Customers;
import io.billingsync.testkit.SyncInvariants;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An ERP's own export through its mapping, end to end: the real routes against the sandbox over HTTP, each row or
 * record applied, unchanged or dead-lettered like any change; a dead letter is the change request the row became
 * (replayable), its error record keeps the row.
 */
@ExtendWith(SyncServiceExtension.class)
class MappedExportsTest {
    SyncHarness harness;
    @Customers(3)
    List<String> customers;

    private List<ExpectedChange> changes() {
        return List.of(
                ExpectedChange.set(customers.get(0), "SAP-1", "companyName", "Müller & Söhne GmbH"),
                ExpectedChange.set(customers.get(1), "SAP-2", "email", "rechnung@example.de"),
                ExpectedChange.failing(ChangeScript.UNKNOWN_CUSTOMER, "SAP-3", "companyName", "Niemand AG"),
                ExpectedChange.set(customers.get(0), "SAP-4", "companyName", "Müller & Söhne KG"),
                ExpectedChange.set(customers.get(2), "SAP-5", "email", "ap@example.de"));
    }

    private Map<String, String> mapping(String pattern, String yaml) throws Exception {
        Path file = Files.writeString(harness.folders.root().resolve("erp-mapping.yaml"), yaml, StandardCharsets.UTF_8);
        return Map.of("sync.mappings", pattern + "=" + file);
    }

    @Test
    void aWindows1252CsvExportIsAppliedRowByRowAndItsFailureIsAReplayableChangeRequestKeepingTheRow() throws Exception {
        List<ExpectedChange> changes = changes();
        Files.createDirectories(harness.inbox);
        Files.write(harness.inbox.resolve("sap-20261124.csv"), ErpExports.csv(changes));

        int exit = harness.runOnce(mapping("sap-*.csv", ErpExports.csvMapping(changes))).exitCode();

        assertThat(exit).isEqualTo(1);
        JsonNode record = SyncInvariants.assertSettledOnce(harness.folders, "sap-20261124.csv", changes);
        SyncInvariants.assertSandboxHolds(harness.sandbox, changes);
        SyncInvariants.assertDeadLettersAreThoseRecorded(harness.folders, "sap-20261124.csv");
        assertThat(record.path("changes")).extracting(c -> c.path("position").asText())
                .containsExactly("row 1 (line 2)", "row 2 (line 3)", "row 3 (line 4)", "row 4 (line 5)", "row 5 (line 6)");
        Path deadLetter = harness.deadLetter.resolve("sap-20261124.2.json");
        JsonNode change = SyncHarness.readJson(deadLetter);
        assertThat(change.path("customerId").asText()).isEqualTo(ChangeScript.UNKNOWN_CUSTOMER);
        assertThat(change.path("changes").path("companyName").asText()).isEqualTo("Niemand AG");
        JsonNode error = SyncHarness.readJson(harness.deadLetter.resolve("sap-20261124.2.json.error.json"));
        assertThat(error.path("category").asText()).isEqualTo("not-found");
        assertThat(error.path("position").asText()).isEqualTo("row 3 (line 4)");
        assertThat(error.path("source").path("Änderungsbeleg").asText()).isEqualTo("SAP-3");

        // fixed and replayed, it is read as the change request it is
        Files.writeString(deadLetter, Files.readString(deadLetter).replace(ChangeScript.UNKNOWN_CUSTOMER, customers.get(1)));
        new DeadLetterFolder(harness.deadLetter).replay(harness.inbox, List.of("sap-20261124.2.json"));
        assertThat(harness.runOnce(mapping("sap-*.csv", ErpExports.csvMapping(changes))).exitCode()).isZero();
        assertThat(harness.sandbox.profile(customers.get(1)).path("companyName").asText()).isEqualTo("Niemand AG");
    }

    @Test
    void anErpsJsonEnvelopeIsAppliedRecordByRecordThroughItsJsonataMapping() throws Exception {
        List<ExpectedChange> changes = changes();
        harness.drop("accounts-20261124.json", ErpExports.envelope(changes));

        int exit = harness.runOnce(mapping("accounts-*.json", ErpExports.envelopeMapping(changes))).exitCode();

        assertThat(exit).isEqualTo(1);
        JsonNode record = SyncInvariants.assertSettledOnce(harness.folders, "accounts-20261124.json", changes);
        SyncInvariants.assertSandboxHolds(harness.sandbox, changes);
        assertThat(record.path("changes").get(2).path("position").asText()).startsWith("record 2 (line ");
        JsonNode error = SyncHarness.readJson(harness.deadLetter.resolve("accounts-20261124.2.json.error.json"));
        assertThat(error.path("source").path("ref").asText()).isEqualTo("SAP-3");
        assertThat(SyncHarness.readJson(harness.deadLetter.resolve("accounts-20261124.2.json")).path("changeId").asText())
                .isEqualTo("SAP-3");
    }

    @Test
    void aDryRunReadsTheExportThroughTheSameMappingAndSendsNothing() throws Exception {
        List<ExpectedChange> changes = changes();
        Files.createDirectories(harness.inbox);
        Files.write(harness.inbox.resolve("sap-dry.csv"), ErpExports.csv(changes));

        harness.runOnce(Map.of("sync.dry-run", "true", "sync.mappings",
                mapping("sap-*.csv", ErpExports.csvMapping(changes)).get("sync.mappings")));

        assertThat(harness.sandbox.requests()).noneMatch(r -> r.method().equals("PUT"));
        assertThat(harness.inbox.resolve("sap-dry.csv")).exists();
        JsonNode predicted = SyncHarness.readJson(harness.done.resolve("sap-dry.csv.dry-run.result.json")).path("changes");
        assertThat(predicted).extracting(c -> c.path("outcome").asText())
                .containsExactly("would-apply", "would-apply", "dead-lettered", "would-apply", "would-apply");
    }

    @Test
    void aHeaderWithoutAColumnTheMappingReadsDeadLettersTheWholeFile() throws Exception {
        List<ExpectedChange> changes = changes();
        Files.createDirectories(harness.inbox);
        Files.write(harness.inbox.resolve("sap-old.csv"), ErpExports.csv(changes));

        harness.runOnce(mapping("sap-*.csv", ErpExports.csvMapping(changes).replace("  email: email", "  email: E-Mail")));

        assertThat(harness.deadLetter.resolve("sap-old.csv")).exists();
        assertThat(SyncHarness.readJson(harness.deadLetter.resolve("sap-old.csv.error.json")).path("message").asText())
                .contains("no column \"E-Mail\"", "erp-mapping.yaml line 9");
        assertThat(harness.sandbox.requests()).noneMatch(r -> r.method().equals("PUT"));
    }
}
