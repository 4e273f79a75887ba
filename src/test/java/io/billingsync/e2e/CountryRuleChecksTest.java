package io.billingsync.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.billingsync.batch.RunSummary;
import io.billingsync.sandbox.RecordedRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The address a change sets, checked against its country's rules before the PUT (docs/FAILURE-RULES.md#addresses),
 * through the routes and the sandbox's country rules over HTTP.
 */
class CountryRuleChecksTest extends TwoCustomersSyncTest {
    private static final String RULES = "/v1/countryvalidationrules/";

    /** A Canadian address, {@code state} as given (null: cleared). */
    private static String canadian(String state) {
        return "{\"defaultAddress\":{\"country\":\"CA\",\"state\":" + (state == null ? "null" : "\"" + state + "\"")
                + ",\"city\":\"Toronto\",\"postalCode\":\"M5V 2T6\",\"addressLine1\":\"1 King St W\"}}";
    }

    private List<RecordedRequest> requests(String method, String pathPart) {
        return harness.sandbox.requests().stream().filter(r -> r.method().equals(method) && r.path().contains(pathPart)).toList();
    }

    @Test
    void anAddressMissingItsRequiredStateIsDeadLetteredInvalidWithNoPut() throws Exception {
        harness.drop("ca.ndjson", line("ca-1", customer, canadian(null)));

        RunSummary summary = harness.runOnce(Map.of());

        assertThat(summary.exitCode()).isEqualTo(1);
        assertThat(requests("PUT", customer)).isEmpty();
        assertThat(requests("GET", RULES + "CA")).hasSize(1);
        JsonNode change = change("ca.ndjson", 0);
        assertThat(change.path("outcome").asText()).isEqualTo("dead-lettered");
        assertThat(change.path("category").asText()).isEqualTo("invalid");
        JsonNode error = SyncHarness.readJson(harness.deadLetter.resolve("ca.0.json.error.json"));
        assertThat(error.path("category").asText()).isEqualTo("invalid");
        assertThat(error.path("message").asText()).contains("rules for CA", "defaultAddress.state is required in CA",
                "isStateRequired", "one of AB, BC", "replay");
        assertThat(harness.sandbox.profile(customer).path("defaultAddress").path("country").asText()).isEqualTo("US");
    }

    @Test
    void eachRuleBrokenIsNamedWithItsFixAndAnAddressKeepingThemIsApplied() throws Exception {
        harness.drop("rules.ndjson", line("bad", customer, "{\"defaultAddress\":{\"state\":\"ZZ\",\"postalCode\":\"9805\","
                + "\"phoneNumber\":\"12\"}}") + line("good", other, canadian("ON")));

        RunSummary summary = harness.runOnce(Map.of());

        assertThat(summary.exitCode()).isEqualTo(1);
        assertThat(change("rules.ndjson", 0).path("message").asText()).contains("\"ZZ\" is not a state of US",
                "supportedStatesList", "postalCode is not in the format of US", "phoneNumber is not in the format of US");
        assertThat(change("rules.ndjson", 1).path("outcome").asText()).isEqualTo("applied");
        assertThat(harness.sandbox.profile(other).path("defaultAddress").path("state").asText()).isEqualTo("ON");
        assertThat(requests("PUT", customer)).isEmpty();
    }

    @Test
    void aCountrysRulesAreReadOnceAndKeptInTheWorkFolderForTheNextRuns() throws Exception {
        harness.drop("a.ndjson", line("a1", customer, "{\"defaultAddress\":{\"city\":\"Seattle\"}}")
                + line("a2", other, "{\"defaultAddress\":{\"city\":\"Spokane\"}}")
                + line("a3", customer, "{\"email\":\"no-address@contoso.com\"}"));
        harness.runOnce(Map.of("sync.coalesce.max-changes", "1"));
        harness.drop("b.ndjson", line("b1", customer, "{\"defaultAddress\":{\"city\":\"Tacoma\"}}"));

        RunSummary second = harness.runOnce(Map.of());

        assertThat(second.exitCode()).isZero();
        assertThat(requests("GET", RULES)).as("one read of the US rules for both runs").hasSize(1);
        Path kept = harness.work.resolve("country-rules").resolve("US.json");
        assertThat(SyncHarness.readJson(kept).path("rules").path("iso2Code").asText()).isEqualTo("US");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kept))).isEqualTo("rw-------");
        assertThat(harness.sandbox.profile(customer).path("defaultAddress").path("city").asText()).isEqualTo("Tacoma");
    }

    @Test
    void rulesThatCannotBeReadSkipTheCheckAndTheChangesAreAppliedAndCounted() throws Exception {
        harness.sandbox.faults().addressChecks().countryRulesUnavailable(true);
        ManagementPort management = new ManagementPort();
        harness.drop("down.ndjson", line("d1", customer, canadian(null)) + line("d2", other, canadian("QC")));

        harness.start(management.settings("camel.metrics.enabled", "true"));

        harness.awaitResult("down.ndjson", Duration.ofSeconds(30));
        assertThat(change("down.ndjson", 0).path("outcome").asText()).as("sent unchecked").isEqualTo("applied");
        assertThat(change("down.ndjson", 1).path("outcome").asText()).isEqualTo("applied");
        assertThat(requests("GET", RULES + "CA")).as("not asked again at once after it failed").hasSize(1);
        assertThat(management.metrics()).contains("billing_sync_country_rules_unavailable_total 2.0");
    }

    @Test
    void aDryRunReportsTheViolationAndSendsNoPut() throws Exception {
        harness.drop("dry.ndjson", line("dry-1", customer, canadian(null)));

        RunSummary summary = harness.runOnce(Map.of("sync.dry-run", "true"));

        assertThat(summary.exitCode()).isEqualTo(1);
        JsonNode change = SyncHarness.readJson(harness.done.resolve("dry.ndjson.dry-run.result.json")).path("changes").get(0);
        assertThat(change.path("outcome").asText()).isEqualTo("dead-lettered");
        assertThat(change.path("category").asText()).isEqualTo("invalid");
        assertThat(change.path("message").asText()).contains("defaultAddress.state is required in CA");
        assertThat(harness.sandbox.requests()).noneMatch(r -> r.method().equals("PUT"));
        assertThat(harness.deadLetter).isEmptyDirectory();
    }

    @Test
    void aWriteOfSeveralChangesBlamesOnlyTheChangeWhoseAddressBreaksTheRules() throws Exception {
        harness.drop("group.ndjson", line("g0", customer, "{\"email\":\"kept@contoso.com\"}")
                + line("g1", customer, "{\"defaultAddress\":{\"state\":\"ZZ\"}}")
                + line("g2", customer, "{\"defaultAddress\":{\"city\":\"Bellevue\"}}"));

        RunSummary summary = harness.runOnce(Map.of("sync.coalesce.max-changes", "8"));

        assertThat(summary.exitCode()).isEqualTo(1);
        assertThat(change("group.ndjson", 0).path("outcome").asText()).isEqualTo("applied");
        assertThat(change("group.ndjson", 1).path("category").asText()).isEqualTo("invalid");
        assertThat(change("group.ndjson", 1).path("message").asText()).contains("\"ZZ\" is not a state of US");
        assertThat(change("group.ndjson", 2).path("outcome").asText()).isEqualTo("applied");
        assertThat(requests("PUT", customer)).as("the two changes that keep the rules, each on its own").hasSize(2);
        JsonNode address = harness.sandbox.profile(customer).path("defaultAddress");
        assertThat(address.path("state").asText()).isEqualTo("WA");
        assertThat(address.path("city").asText()).isEqualTo("Bellevue");
        assertThat(harness.sandbox.profile(customer).path("email").asText()).isEqualTo("kept@contoso.com");
    }
}
