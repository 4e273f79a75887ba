package io.billingsync.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jar's command line as an operator uses it: the quickstart on the shipped examples, validate, replay, bad settings. */
class CommandLineIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path EXAMPLES = Path.of("examples", "inbox").toAbsolutePath();

    @TempDir
    Path root;

    record Run(int exitCode, String output) {
    }

    private Run jar(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", ServiceProcess.jar().toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Path output = root.resolve("output.txt");
        Process process = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("finished within a minute").isTrue();
        return new Run(process.exitValue(), Files.readString(output));
    }

    private Path config(String... settings) throws IOException {
        return ServiceProcess.writeConfig(root, settings);
    }

    @Test
    void theQuickstartAppliesTheShippedExamplesOnTheSandboxAndDeadLettersTheMistakes() throws Exception {
        Path inbox = Files.createDirectories(root.resolve("inbox"));
        try (Stream<Path> examples = Files.list(EXAMPLES)) {
            for (Path example : examples.toList()) {
                Files.copy(example, inbox.resolve(example.getFileName()));
            }
        }

        Run run = jar("--sandbox", "--once", "--config", config(demoMappings()).toString());

        assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
        int applied = 0;
        int unchanged = 0;
        int deadLettered = 0;
        try (Stream<Path> records = Files.list(root.resolve("done"))) {
            for (Path record : records.filter(p -> p.toString().endsWith(".result.json")).toList()) {
                JsonNode summary = JSON.readTree(record.toFile()).path("summary");
                applied += summary.path("applied").asInt();
                unchanged += summary.path("unchanged").asInt();
                deadLettered += summary.path("deadLettered").asInt();
            }
        }
        assertThat(List.of(applied, unchanged, deadLettered)).as("applied, unchanged, dead-lettered").containsExactly(9, 3, 4);
        assertThat(root.resolve("inbox")).isEmptyDirectory();
        JsonNode typo = JSON.readTree(root.resolve("dead-letter").resolve("erp-20261124-0930-with-mistakes.0.json.error.json").toFile());
        assertThat(typo.path("category").asText()).isEqualTo("invalid");
        assertThat(typo.path("message").asText()).contains("emial", "email");
        JsonNode region = JSON.readTree(root.resolve("dead-letter").resolve("erp-20261124-0930-with-mistakes.1.json.error.json").toFile());
        assertThat(region.path("category").asText()).isEqualTo("rejected");
        assertThat(run.output()).contains("dead-lettered");
        JsonNode country = JSON.readTree(root.resolve("dead-letter").resolve("erp-20261124-1000-sap-kunden.2.json").toFile());
        assertThat(country.path("changes").path("defaultAddress").path("country").asText())
                .as("the dead letter of a mapped row is the change request it became").isEqualTo("Deutschland");
        JsonNode countryError = JSON.readTree(root.resolve("dead-letter").resolve("erp-20261124-1000-sap-kunden.2.json.error.json").toFile());
        assertThat(countryError.path("message").asText()).contains("row 3 (line 5)", "(from column \"Land\")");
        assertThat(countryError.path("source").path("Land").asText()).isEqualTo("Deutschland");
    }

    /** The sandbox demo's sync.mappings, its mapping files named from wherever the jar runs. */
    private static String demoMappings() throws IOException {
        java.util.Properties demo = new java.util.Properties();
        try (var in = Files.newBufferedReader(Path.of("config", "sandbox-demo.properties"), StandardCharsets.UTF_8)) {
            demo.load(in);
        }
        return "sync.mappings = " + demo.getProperty("sync.mappings").replace("config/", Path.of("config").toAbsolutePath() + "/");
    }

    @Test
    void mapPrintsTheChangeRequestsAMappingMakesOfAnExportAndValidateReadsThroughItToo() throws Exception {
        String config = config(demoMappings()).toString();
        Path export = EXAMPLES.resolve("erp-20261124-1000-sap-kunden.csv");

        Run map = jar("map", "--config", config, export.toString());

        assertThat(map.exitCode()).as(map.output()).isEqualTo(1);
        assertThat(map.output())
                .contains(export + ": read through " + Path.of("config").toAbsolutePath().resolve("sap-kunden-mapping.yaml"))
                .contains(export + ": row 1 (line 2): {\"customerId\":\"0f3a1b2c-4d5e-4f60-8a7b-9c0d1e2f3a4b\",\"changeId\":\"4711-0001\","
                        + "\"changedAt\":\"2026-11-24T09:00:00.000Z\",\"changes\":{\"companyName\":\"Fabrikam Deutschland GmbH\"")
                .contains(export + ": row 3 (line 5): invalid: changes.defaultAddress.country must be exactly 2 characters")
                .contains(export + ": 3 valid change(s), 1 invalid");
        Run validate = jar("validate", "--mapping", Path.of("config", "sap-kunden-mapping.yaml").toAbsolutePath().toString(), export.toString());
        assertThat(validate.output()).contains(export + ": row 3 (line 5): changes.defaultAddress.country")
                .doesNotContain("row 1 (line 2)");
    }

    @Test
    void aMappingWithAMistakeStopsTheStartNamingTheFileTheLineAndTheFix() throws Exception {
        Path mapping = Files.writeString(root.resolve("erp-mapping.yaml"), "format: csv\nfields:\n  customerId: Kunde\n"
                + "  defaultAdress.city: Ort\n", StandardCharsets.UTF_8);
        Files.createDirectories(root.resolve("inbox"));
        Files.copy(EXAMPLES.resolve("erp-20261124-0900.json"), root.resolve("inbox").resolve("erp-20261124-0900.json"));

        Run run = jar("--sandbox", "--once", "--config", config("sync.mappings = erp-*.csv=" + mapping).toString());

        assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
        assertThat(run.output()).contains(mapping + ", line 4: \"defaultAdress.city\" is not a field a change can set",
                "defaultAddress.city");
        assertThat(root.resolve("inbox").resolve("erp-20261124-0900.json")).as("nothing read").exists();
    }

    @Test
    void historyShowsAndResetsWhatIsRememberedAndReplayKeepsOrForcesTheChangesPlace() throws Exception {
        Path inbox = Files.createDirectories(root.resolve("inbox"));
        Files.copy(EXAMPLES.resolve("erp-20261124-0930-with-mistakes.json"), inbox.resolve("erp-20261124-0930-with-mistakes.json"));
        String config = config().toString();
        assertThat(jar("--sandbox", "--once", "--config", config).exitCode()).isEqualTo(1);
        JsonNode applied = null;
        for (JsonNode change : JSON.readTree(root.resolve("done").resolve("erp-20261124-0930-with-mistakes.json.result.json")
                .toFile()).path("changes")) {
            if (change.path("outcome").asText().equals("applied")) {
                applied = change;
            }
        }
        assertThat(applied).as("an applied change").isNotNull();

        Run history = jar("history", "--config", config, applied.path("customerId").asText());

        assertThat(history.exitCode()).as(history.output()).isZero();
        assertThat(history.output()).contains("customer " + applied.path("customerId").asText())
                .contains(applied.path("order").path("sequence").asText() + ", -, ");

        Path deadLetter = root.resolve("dead-letter");
        long sequence = JSON.readTree(deadLetter.resolve("erp-20261124-0930-with-mistakes.1.json.error.json").toFile())
                .path("sequence").asLong();
        assertThat(jar("replay", "--config", config, "erp-20261124-0930-with-mistakes.1.json").exitCode()).isZero();
        assertThat(JSON.readTree(inbox.resolve("erp-20261124-0930-with-mistakes.1.json").toFile()).path("sequence").asLong())
                .as("a replayed change keeps its place").isEqualTo(sequence);
        assertThat(jar("replay", "--config", config, "--force", "erp-20261124-0930-with-mistakes.0.json").exitCode()).isZero();
        assertThat(JSON.readTree(inbox.resolve("erp-20261124-0930-with-mistakes.0.json").toFile()).path("force").asBoolean())
                .as("a forced change is applied as given").isTrue();

        Files.delete(root.resolve("work").resolve("history.mv.db"));
        Run refused = jar("--sandbox", "--once", "--config", config);
        assertThat(refused.exitCode()).as("the leader stops: " + refused.output()).isEqualTo(6);
        assertThat(refused.output()).contains("history.mv.db is missing", "history reset");
        assertThat(inbox.resolve("erp-20261124-0930-with-mistakes.1.json")).as("nothing processed").exists();

        Run reset = jar("history", "--config", config, "reset");
        assertThat(reset.exitCode()).as(reset.output()).isZero();
        assertThat(reset.output()).contains("started an empty history");
        assertThat(jar("history", "--config", config, applied.path("customerId").asText()).output()).contains("nothing remembered");
    }

    @Test
    void validateNamesFilePositionAndProblemOfEveryInvalidChange() throws Exception {
        Path ndjson = Files.writeString(root.resolve("broken.ndjson"), """
                {"customerId": "0f3a1b2c-4d5e-4f60-8a7b-9c0d1e2f3a4b", "changes": {"email": "a@contoso.com"}}
                {"customerId": "0f3a1b2c-4d5e-4f60-8a7b-9c0d1e2f3a4b", "changes": {"email": }
                {"customerId": "not-a-guid", "changes": {"email": "b@contoso.com"}}
                """, StandardCharsets.UTF_8);
        Path good = EXAMPLES.resolve("erp-20261124-0900.json");

        Run run = jar("validate", ndjson.toString(), good.toString(), EXAMPLES.resolve("erp-20261124-0930-with-mistakes.json").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output())
                .contains(ndjson + ": line 2: malformed JSON at line 2, column")
                .contains(ndjson + ": line 3: customerId \"not-a-guid\" is not a GUID")
                .contains(ndjson + ": 1 valid change(s), 2 invalid")
                .contains("erp-20261124-0930-with-mistakes.json: element 0 (line 2, column 3): unknown field \"emial\"")
                .contains(good + ": ")
                .doesNotContain(good + ": element");
        assertThat(jar("validate", good.toString()).exitCode()).isZero();
    }

    /** Seeded in the embedded sandbox. */
    static final String CONTOSO = "a58ceba5-60ac-48e4-a0bc-2a855811807a";
    static final String WOODGROVE = "3d4e5f60-7182-4c9d-8e1f-2a3b4c5d6e7f";

    private static String change(String customer, String changeId, String changedAt, String changes) {
        return "{\"customerId\":\"" + customer + "\"" + (changeId == null ? "" : ",\"changeId\":\"" + changeId + "\"")
                + (changedAt == null ? "" : ",\"changedAt\":\"" + changedAt + "\"") + ",\"changes\":" + changes + "}\n";
    }

    private JsonNode changes(String record) throws IOException {
        return JSON.readTree(root.resolve("done").resolve(record + ".result.json").toFile()).path("changes");
    }

    @Test
    void validateTheDryRunAndTheRunReportEachMistakeOfAFileAlike() throws Exception {
        Path inbox = Files.createDirectories(root.resolve("inbox"));
        Path file = Files.writeString(inbox.resolve("mistakes.ndjson"),
                change(CONTOSO, "M-1", null, "{\"email\":\"kept@contoso.com\"}")
                        + change(CONTOSO, "M-2", "2099-01-01T00:00:00Z", "{\"email\":\"future@contoso.com\"}")
                        + change(CONTOSO, "M-3", "2026-11-24T09:00:00", "{\"email\":\"local@contoso.com\"}")
                        + change(CONTOSO, "M-4", null, "{\"defaultAddress\":{}}")
                        + change(CONTOSO, "", null, "{\"companyName\":\"Blank Id Ltd\"}")
                        + change(WOODGROVE, "M-1", null, "{\"email\":\"other-system@woodgrove.com\"}"));
        String config = config().toString();

        Run validate = jar("validate", "--config", config, file.toString());
        Run dry = jar("--sandbox", "--dry-run", "--config", config);
        JsonNode predicted = changes("mistakes.ndjson.dry-run");
        Run real = jar("--sandbox", "--once", "--config", config);
        JsonNode actual = changes("mistakes.ndjson");

        assertThat(validate.exitCode()).as(validate.output()).isEqualTo(1);
        assertThat(validate.output()).contains(file + ": 1 valid change(s), 5 invalid");
        assertThat(real.exitCode()).as(real.output()).isEqualTo(1);
        assertThat(dry.output()).as("the dry run's summary").contains("5 dead-lettered (4 invalid, 1 reused-id)");
        assertThat(real.output()).as("the run's summary").contains("5 dead-lettered (4 invalid, 1 reused-id)");
        assertThat(actual.get(0).path("outcome").asText()).isEqualTo("applied");
        List<String> expected = List.of("changedAt \"2099-01-01T00:00:00Z\" is ", "changedAt must be an RFC 3339 timestamp with"
                + " its offset: \"2026-11-24T09:00:00\" has none", "changes.defaultAddress is empty", "changeId is empty",
                "changeId \"M-1\" was given earlier in this file to other content (mistakes.ndjson #0)");
        for (int i = 1; i <= 5; i++) {
            String message = actual.get(i).path("message").asText();
            String where = "mistakes.ndjson, line " + (i + 1) + ": ";
            assertThat(message).as("change %d", i).startsWith(where + expected.get(i - 1))
                    .isEqualTo(predicted.get(i).path("message").asText());
            assertThat(validate.output()).as("validate says the same of change %d", i)
                    .contains(file + ": line " + (i + 1) + ": " + message.substring(where.length()) + System.lineSeparator());
        }
        assertThat(actual.get(5).path("category").asText()).isEqualTo("reused-id");
    }

    @Test
    void historyShowsAnEntryFromTheFutureAndForgetsItOnlyWhileNoInstanceLeads() throws Exception {
        Path inbox = Files.createDirectories(root.resolve("inbox"));
        Path config = config();
        // remembered as a version that did not refuse such a changedAt did (the tolerance set to a hundred years)
        Files.writeString(inbox.resolve("typo.ndjson"), change(CONTOSO, "F-1", "2099-01-01T00:00:00Z",
                "{\"email\":\"future@contoso.com\"}"));
        assertThat(jar("--sandbox", "--once", "--config", config.toString(), "-Dsync.changed-at.clock-skew=36500d")
                .exitCode()).isZero();
        String today = change(CONTOSO, null, Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS)
                .toString(), "{\"email\":\"today@contoso.com\"}");
        Files.writeString(inbox.resolve("today.ndjson"), today);
        Run superseded = jar("--sandbox", "--once", "--config", config.toString());
        assertThat(superseded.output()).as("held back by the entry from the future").contains("1 superseded");

        Run shown = jar("history", "--config", config.toString(), CONTOSO);

        assertThat(shown.exitCode()).as(shown.output()).isZero();
        assertThat(shown.output()).contains("email <- ", "2099-01-01T00:00:00Z, F-1, typo.ndjson #0", "FROM THE FUTURE",
                "history forget " + CONTOSO + " email");

        try (ServiceProcess leader = ServiceProcess.start(config, root.resolve("leader.log"), Map.of(), "--sandbox")) {
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(leader.log)
                    && Files.readString(leader.log).contains("Leading:"));
            Run refused = jar("history", "forget", "--config", config.toString(), CONTOSO, "email");
            assertThat(refused.exitCode()).as(refused.output()).isEqualTo(2);
            assertThat(refused.output()).contains("open in another process");
            assertThat(leader.terminate(60)).isZero();
        }
        Run forgot = jar("history", "forget", "--config", config.toString(), CONTOSO, "email");

        assertThat(forgot.exitCode()).as(forgot.output()).isZero();
        assertThat(forgot.output()).contains("forgot for customer " + CONTOSO, "email <- ");
        assertThat(jar("history", "--config", config.toString(), CONTOSO).output()).doesNotContain("FROM THE FUTURE");
        Files.writeString(inbox.resolve("today-again.ndjson"), today);
        Run applied = jar("--sandbox", "--once", "--config", config.toString());
        assertThat(applied.exitCode()).as(applied.output()).isZero();
        assertThat(changes("today-again.ndjson").get(0).path("outcome").asText()).isEqualTo("applied");
    }

    @Test
    void validateChecksTheConfiguredDesiredStateFileAsSuch() throws Exception {
        Path desired = Files.writeString(root.resolve("desired.json"), "[" + change(CONTOSO, "D-1",
                "2026-11-24T09:00:00Z", "{\"companyName\":\"Contoso Ltd\"}") + "]");
        Path copy = Files.copy(desired, root.resolve("not-desired.json"));

        Run run = jar("validate", "--config", config("sync.desired-state.file = " + desired).toString(), desired.toString(),
                copy.toString());

        assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).contains(desired + ": element 0 (line 1, column 2): changedAt has no place in the"
                + " desired-state file").contains(copy + ": 1 valid change(s), 0 invalid");
    }

    @Test
    void replayMovesDeadLettersBackIntoTheInboxAndKeepsTheirErrorRecords() throws Exception {
        Path deadLetter = Files.createDirectories(root.resolve("dead-letter"));
        Files.writeString(deadLetter.resolve("a.0.json"), "{\"customerId\": \"x\"}");
        Files.writeString(deadLetter.resolve("a.0.json.error.json"), "{\"category\": \"invalid\"}");
        Files.writeString(deadLetter.resolve("b.3.json"), "{\"customerId\": \"y\"}");
        Path config = config();

        Run named = jar("replay", "--config", config.toString(), "a.0.json");

        assertThat(named.exitCode()).as(named.output()).isZero();
        assertThat(root.resolve("inbox").resolve("a.0.json")).hasContent("{\"customerId\": \"x\"}");
        assertThat(deadLetter.resolve("replayed").resolve("a.0.json.error.json")).exists();
        assertThat(deadLetter.resolve("b.3.json")).exists();
        Run all = jar("replay", "--config", config.toString());
        assertThat(all.exitCode()).isZero();
        assertThat(all.output()).contains("1 change file(s) moved back");
        assertThat(root.resolve("inbox").resolve("b.3.json")).exists();
    }

    @Test
    void withoutAnEndpointTheServiceRefusesToStartAndSaysWhatToSet() throws Exception {
        Run run = jar("--once", "--config", config().toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.output()).contains("partnercenter.base-url");
        assertThat(Files.exists(root.resolve("done"))).isFalse();
    }

    @Test
    void badSettingsAreAllReportedAtOnceWithTheirNames() throws Exception {
        Run run = jar("--once", "--config", config("partnercenter.base-url = http://example.com",
                "sync.concurrency = many", "sync.retry.max-duration = forever").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.output()).contains("partnercenter.base-url", "https", "sync.concurrency", "sync.retry.max-duration");
    }

    @Test
    void aTimeoutOfZeroIsRefusedAtStartUpNamingTheSetting() throws Exception {
        Run run = jar("--once", "--sandbox", "--config", config("partnercenter.request-timeout = 0s",
                "camel.component.http.response-timeout = 0").toString());

        assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
        assertThat(run.output()).contains("partnercenter.request-timeout", "camel.component.http.response-timeout", "forever");
        assertThat(Files.exists(root.resolve("done"))).isFalse();
    }
}
