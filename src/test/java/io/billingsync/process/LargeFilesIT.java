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

/** JSON arrays are read one element at a time, never more than one element's limit in memory. */
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
    void anElementTooBigForTheHeapIsDeadLetteredAloneUnbuiltAndTheRestIsApplied() throws Exception {
        try (PartnerCenterSandbox sandbox = PartnerCenterSandbox.start(SandboxSettings.defaults())) {
            List<String> customers = sandbox.addCustomers(3);
            Path inbox = Files.createDirectories(root.resolve("inbox"));
            // one element holding a 19-million-character string: as text and tree it needs more than 64 MB
            try (OutputStream out = Files.newOutputStream(inbox.resolve("a-huge-element.json"))) {
                out.write(("[{\"customerId\": \"" + customers.get(0) + "\", \"changes\": {\"companyName\": \"")
                        .getBytes(StandardCharsets.UTF_8));
                byte[] chunk = "x".repeat(1 << 20).getBytes(StandardCharsets.UTF_8);
                for (int i = 0; i < 19; i++) {
                    out.write(chunk);
                }
                out.write(("\"}},\n" + change(customers.get(1), "beside@contoso.com") + "]").getBytes(StandardCharsets.UTF_8));
            }
            Files.writeString(inbox.resolve("b-next.json"), change(customers.get(2), "next@contoso.com"));
            Path config = ServiceProcess.writeConfig(root, "partnercenter.base-url = " + sandbox.baseUrl());
            Path log = root.resolve("service.log");

            int exit;
            try (ServiceProcess service = ServiceProcess.startWithHeap("64m", config, log,
                    Map.of("PARTNERCENTER_TOKEN", sandbox.staticToken()), "--once")) {
                exit = service.awaitExit(120);
            }

            assertThat(exit).as(Files.readString(log)).isEqualTo(1);
            assertThat(sandbox.profile(customers.get(1)).path("email").asText()).isEqualTo("beside@contoso.com");
            assertThat(sandbox.profile(customers.get(2)).path("email").asText()).isEqualTo("next@contoso.com");
            assertThat(sandbox.putCount(customers.get(0))).isZero();
            assertThat(inbox).isEmptyDirectory();
            JsonNode error = JSON.readTree(root.resolve("dead-letter").resolve("a-huge-element.0.json.error.json").toFile());
            assertThat(error.path("message").asText()).contains("a-huge-element.json", "element 0", "longer than");
            JsonNode result = JSON.readTree(root.resolve("done").resolve("a-huge-element.json.result.json").toFile());
            assertThat(result.path("summary").path("applied").asInt()).isEqualTo(1);
            assertThat(result.path("summary").path("deadLettered").asInt()).isEqualTo(1);
        }
    }

    private static String change(String customer, String email) {
        return "{\"customerId\": \"" + customer + "\", \"changes\": {\"email\": \"" + email + "\"}}";
    }
}
