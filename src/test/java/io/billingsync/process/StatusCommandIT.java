package io.billingsync.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code status} and {@code dead-letters} on the jar: from the folders when no service answers, from the running
 * service's management port when one does; exit codes a monitoring check reads; ids only, no personal data.
 */
class StatusCommandIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String MISTAKES = "erp-20261124-0930-with-mistakes.json";

    @TempDir
    Path root;

    record Run(int exitCode, String output) {
    }

    private Run jar(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", ServiceProcess.jar().toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Path output = Files.createTempFile(root, "output", ".txt");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("finished within a minute").isTrue();
        return new Run(process.exitValue(), Files.readString(output));
    }

    @Test
    void statusAndDeadLettersFromTheFoldersThenFromTheRunningService() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String config = ServiceProcess.writeConfig(root, "camel.management.enabled = true",
                "camel.management.port = " + port, "sync.status.refresh-interval = 200ms").toString();
        Path inbox = Files.createDirectories(root.resolve("inbox"));
        Files.copy(CommandLineIT.EXAMPLES.resolve(MISTAKES), inbox.resolve(MISTAKES));
        assertThat(jar("--sandbox", "--once", "--config", config).exitCode()).as("two changes dead-lettered").isEqualTo(1);

        Run offline = jar("status", "--config", config);
        assertThat(offline.exitCode()).as(offline.output()).isEqualTo(1);
        assertThat(offline.output()).contains("NEEDS-ATTENTION (from the folders: no service answered at http://127.0.0.1:" + port)
                .contains("dead letters:    2 (invalid 1, rejected 1)").contains("inbox:           empty");
        JsonNode json = JSON.readTree(jar("status", "--config", config, "--json").output());
        assertThat(json.path("source").asText()).isEqualTo("folders");
        assertThat(json.path("verdict").asText()).isEqualTo("needs-attention");
        assertThat(json.path("deadLetters").path("byCategory").path("rejected").asLong()).isEqualTo(1);

        Run list = jar("dead-letters", "--config", config);
        assertThat(list.exitCode()).as(list.output()).isZero();
        assertThat(list.output()).contains("invalid", "rejected", "erp-20261124-0930-with-mistakes.0.json",
                "erp-20261124-0930-with-mistakes.1.json", "2 dead letter(s)");
        Run rejected = jar("dead-letters", "--config", config, "--category", "rejected", "--json");
        assertThat(JSON.readTree(rejected.output())).hasSize(1);
        String name = JSON.readTree(rejected.output()).get(0).path("name").asText();
        Run show = jar("dead-letters", "--config", config, "show", name);
        assertThat(show.exitCode()).as(show.output()).isZero();
        assertThat(show.output()).contains("category      rejected", "reason", "what to do", "replay " + name);
        JsonNode change = JSON.readTree(root.resolve("dead-letter").resolve(name).toFile());
        for (JsonNode value : change.path("changes")) {
            if (value.isTextual()) {
                assertThat(show.output()).as("no value of the change is shown").doesNotContain(value.asText());
            }
        }
        assertThat(jar("dead-letters", "--config", config, "--colour").exitCode()).as("unknown option").isEqualTo(2);

        try (ServiceProcess service = ServiceProcess.start(Path.of(config), root.resolve("service.log"), Map.of(), "--sandbox")) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> jar("status", "--config", config).output().contains("role:            leader"));
            Run online = jar("status", "--config", config);
            assertThat(online.exitCode()).as(online.output()).isEqualTo(1);
            assertThat(online.output()).contains("(from the running service at http://127.0.0.1:" + port + "/observe/status)")
                    .contains("dead letters:    2 (invalid 1, rejected 1)");
            assertThat(service.terminate(30)).isZero();
        }
    }
}
