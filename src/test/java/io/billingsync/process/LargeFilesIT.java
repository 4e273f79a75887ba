package io.billingsync.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billingsync.sandbox.PartnerCenterSandbox;
import io.billingsync.sandbox.SandboxSettings;
import java.io.BufferedWriter;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JSON arrays are read one element at a time, and a file that exhausts the memory costs only itself, once. */
class LargeFilesIT {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;

    @Test
    void aJsonArrayFarLargerThanTheHeapCouldHoldAsATreeIsReadElementByElement() throws Exception {
        Path file = root.resolve("big.json");
        int elements = 200_000;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("[\n");
            for (int i = 0; i < elements; i++) {
                out.write((i == 0 ? "" : ",\n") + "  {\"customerId\": \"0f3a1b2c-4d5e-4f60-8a7b-" + String.format("%012d", i)
                        + "\", \"changeId\": \"BIG-" + i + "\", \"changes\": {\"companyName\": \"Big " + i
                        + "\", \"email\": \"big" + i + "@contoso.com\", \"lastName\": \"Redmond\"}}");
            }
            out.write("\n]\n");
        }
        assertThat(Files.size(file)).isGreaterThan(30L << 20);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx32m", "-jar", ServiceProcess.jar().toAbsolutePath().toString(), "validate", file.toString()));
        Path output = root.resolve("output.txt");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("finished").isTrue();

        assertThat(Files.readString(output)).contains(file + ": " + elements + " valid change(s), 0 invalid");
        assertThat(process.exitValue()).isZero();
    }

    @Test
    void aFileThatExhaustsTheHeapIsDeadLetteredWholeOnceAndTheOthersAreProcessed() throws Exception {
        try (PartnerCenterSandbox sandbox = PartnerCenterSandbox.start(SandboxSettings.defaults())) {
            List<String> customers = sandbox.addCustomers(2);
            Path inbox = Files.createDirectories(root.resolve("inbox"));
            // one element holding a 19-million-character string: as text and tree it needs more than 64 MB
            try (OutputStream out = Files.newOutputStream(inbox.resolve("a-huge-element.json"))) {
                out.write(("[{\"customerId\": \"" + customers.get(0) + "\", \"changes\": {\"companyName\": \"")
                        .getBytes(StandardCharsets.UTF_8));
                byte[] chunk = "x".repeat(1 << 20).getBytes(StandardCharsets.UTF_8);
                for (int i = 0; i < 19; i++) {
                    out.write(chunk);
                }
                out.write("\"}}]".getBytes(StandardCharsets.UTF_8));
            }
            Files.writeString(inbox.resolve("b-next.json"), "{\"customerId\": \"" + customers.get(1)
                    + "\", \"changes\": {\"email\": \"next@contoso.com\"}}");
            Path config = ServiceProcess.writeConfig(root, "partnercenter.base-url = " + sandbox.baseUrl());
            Path log = root.resolve("service.log");

            int exit;
            try (ServiceProcess service = ServiceProcess.startWithHeap("64m", config, log,
                    Map.of("PARTNERCENTER_TOKEN", sandbox.staticToken()), "--once")) {
                exit = service.awaitExit(120);
            }

            String output = Files.readString(log);
            assertThat(exit).as(output).isEqualTo(1);
            assertThat(sandbox.profile(customers.get(1)).path("email").asText()).isEqualTo("next@contoso.com");
            assertThat(sandbox.putCount(customers.get(0))).isZero();
            assertThat(inbox).isEmptyDirectory();
            Path deadLetter = root.resolve("dead-letter");
            assertThat(deadLetter.resolve("a-huge-element.json")).exists();
            JsonNode error = JSON.readTree(deadLetter.resolve("a-huge-element.json.error.json").toFile());
            assertThat(error.path("message").asText()).contains("a-huge-element.json", "memory", "NDJSON");
            try (var entries = Files.list(deadLetter)) {
                assertThat(entries.map(p -> p.getFileName().toString()).toList()).as("dead-lettered once")
                        .containsExactlyInAnyOrder("a-huge-element.json", "a-huge-element.json.error.json");
            }
        }
    }
}
