package io.billingsync.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.billingsync.batch.RunSummary;
import io.billingsync.sandbox.RecordedRequest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Partner Center's address validation of the address a change sets (sync.address-validation), through the routes and
 * the sandbox over HTTP: off by default, its report in the result records, a metric by status, never holding a change
 * back unless the operator lists the status.
 */
class AddressValidationTest extends TwoCustomersSyncTest {
    private static final String VALIDATIONS = "/v1/validations/address";

    private static String street(String addressLine1) {
        return "{\"defaultAddress\":{\"addressLine1\":\"" + addressLine1 + "\"}}";
    }

    private List<RecordedRequest> validations() {
        return harness.sandbox.requests().stream().filter(r -> r.path().equals(VALIDATIONS)).toList();
    }

    @Test
    void offByDefaultNothingIsAskedAndNothingRecorded() throws Exception {
        harness.drop("off.ndjson", line("o1", customer, street("2 Main St")));

        RunSummary summary = harness.runOnce(Map.of());

        assertThat(summary.exitCode()).isZero();
        assertThat(validations()).isEmpty();
        assertThat(change("off.ndjson", 0).has("addressValidation")).isFalse();
    }

    @Test
    void theStatusAndSuggestionsGoIntoTheRecordOfTheChangesThatSetTheAddressAndNoChangeIsHeldBack() throws Exception {
        harness.sandbox.faults().addressChecks().validationStatus("Microsoft Way", "StreetPartial");
        harness.sandbox.faults().addressChecks().validationStatus("9 Unknown Rd", "SomethingNew");
        harness.drop("v.ndjson", line("v1", customer, street("Microsoft Way"))
                + line("v2", customer, "{\"email\":\"same-write@contoso.com\"}")
                + line("v3", other, street("9 Unknown Rd")));

        RunSummary summary = harness.runOnce(Map.of("sync.address-validation", "true", "sync.coalesce.max-changes", "8"));

        assertThat(summary.exitCode()).isZero();
        JsonNode partial = change("v.ndjson", 0).path("addressValidation");
        assertThat(partial.path("status").asText()).isEqualTo("StreetPartial");
        assertThat(partial.path("validationMessage").asText()).contains("AddressLine1");
        assertThat(partial.path("suggestedAddresses")).hasSize(3);
        assertThat(partial.path("suggestedAddresses").get(0).path("addressLine1").asText()).isEqualTo("1 Microsoft Way");
        assertThat(change("v.ndjson", 1).path("outcome").asText()).isEqualTo("applied");
        assertThat(change("v.ndjson", 1).has("addressValidation")).as("it did not set the address").isFalse();
        assertThat(change("v.ndjson", 2).path("addressValidation").path("status").asText()).as("an unknown status, as given")
                .isEqualTo("SomethingNew");
        assertThat(harness.sandbox.profile(customer).path("defaultAddress").path("addressLine1").asText()).isEqualTo("Microsoft Way");
        assertThat(validations()).as("one per write that sets an address").hasSize(2);
        JsonNode sent = SyncHarness.parse(validations().get(0).body());
        assertThat(sent.fieldNames()).toIterable().containsExactlyInAnyOrder("addressLine1", "city", "state", "postalCode", "country");
        assertThat(summary.render()).as("counted in the requests per change").contains("; 7 requests, 2.33 per change");
    }

    @Test
    void listedStatusesAreDeadLetteredInvalidWithNoPutAndOthersApplied() throws Exception {
        harness.sandbox.faults().addressChecks().validationStatus("Nowhere 1", "None");
        harness.drop("strict.ndjson", line("s1", customer, street("Nowhere 1")) + line("s2", other, street("3 Main St")));

        RunSummary summary = harness.runOnce(Map.of("sync.address-validation", "true",
                "sync.address-validation.dead-letter-statuses", "none,NotValidated"));

        assertThat(summary.exitCode()).isEqualTo(1);
        JsonNode refused = change("strict.ndjson", 0);
        assertThat(refused.path("outcome").asText()).isEqualTo("dead-lettered");
        assertThat(refused.path("category").asText()).isEqualTo("invalid");
        assertThat(refused.path("message").asText()).contains("answered None", "dead-letter-statuses", "replay");
        assertThat(refused.path("addressValidation").path("status").asText()).isEqualTo("None");
        JsonNode error = SyncHarness.readJson(harness.deadLetter.resolve("strict.0.json.error.json"));
        assertThat(error.path("serverError").path("status").asText()).isEqualTo("None");
        assertThat(harness.sandbox.requests()).noneMatch(r -> r.method().equals("PUT") && r.path().contains(customer));
        assertThat(change("strict.ndjson", 1).path("outcome").asText()).isEqualTo("applied");
        assertThat(change("strict.ndjson", 1).path("addressValidation").path("status").asText()).isEqualTo("VerifiedShippable");
    }

    @Test
    void anAddressThatCannotBeValidatedIsSentAndRecordedSoWithAMetricByStatus() throws Exception {
        harness.sandbox.faults().addressChecks().validationUnavailable(true);
        ManagementPort management = new ManagementPort();
        Map<String, String> settings = new HashMap<>(management.settings("camel.metrics.enabled", "true"));
        settings.putAll(Map.of("sync.address-validation", "true", "sync.address-validation.dead-letter-statuses", "None"));
        harness.drop("down.ndjson", line("d1", customer, street("4 Main St")));

        harness.start(settings);

        harness.awaitResult("down.ndjson", Duration.ofSeconds(30));
        harness.sandbox.faults().addressChecks().validationUnavailable(false);
        harness.drop("up.ndjson", line("u1", other, street("5 Main St")));
        harness.awaitResult("up.ndjson", Duration.ofSeconds(30));
        JsonNode unvalidated = change("down.ndjson", 0);
        assertThat(unvalidated.path("outcome").asText()).isEqualTo("applied");
        assertThat(unvalidated.path("addressValidation").path("unavailable").asText()).contains("HTTP 503");
        assertThat(unvalidated.path("addressValidation").has("status")).isFalse();
        assertThat(management.metrics()).contains("billing_sync_address_validations_total{status=\"unavailable\"} 1.0",
                "billing_sync_address_validations_total{status=\"VerifiedShippable\"} 1.0");
    }
}
