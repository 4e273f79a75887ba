package io.billingsync.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billingsync.sandbox.PartnerCenterSandbox;
import io.billingsync.sandbox.SandboxSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** A non-ASCII file name with and without a UTF-8 locale: never a stalled inbox, never a run that does not end. */
class FileNameEncodingIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String NAME = "ü-first.json";

    @TempDir
    Path root;

    private static String change(String customer, String email) {
        return "{\"customerId\":\"" + customer + "\",\"changes\":{\"email\":\"" + email + "\"}}";
    }

    /** The environment of a service started without any locale, plus {@code extra}. */
    private static Map<String, String> withoutLocale(PartnerCenterSandbox sandbox, Map<String, String> extra) {
        Map<String, String> environment = new HashMap<>();
        for (String name : List.of("LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE")) {
            environment.put(name, null);
        }
        environment.put("PARTNERCENTER_TOKEN", sandbox.staticToken());
        environment.putAll(extra);
        return environment;
    }

    private int runOnce(PartnerCenterSandbox sandbox, Map<String, String> environment) throws Exception {
        Path config = ServiceProcess.writeConfig(root, "partnercenter.base-url = " + sandbox.baseUrl());
        try (ServiceProcess service = ServiceProcess.start(config, root.resolve("service.log"), environment, "--once")) {
            return service.awaitExit(120);
        }
    }

    @ParameterizedTest(name = "LC_ALL={0}")
    @ValueSource(strings = {"C", "(unset)"})
    void withoutAUtf8LocaleTheNameIsDeadLetteredOnceUnderASafeNameAndTheOthersAreProcessed(String locale) throws Exception {
        try (PartnerCenterSandbox sandbox = PartnerCenterSandbox.start(SandboxSettings.defaults())) {
            List<String> customers = sandbox.addCustomers(2);
            Path inbox = Files.createDirectories(root.resolve("inbox"));
            Files.writeString(inbox.resolve(NAME), change(customers.get(0), "umlaut@contoso.com"));
            Files.writeString(inbox.resolve("z-after.json"), change(customers.get(1), "after@contoso.com"));
            Map<String, String> extra = locale.equals("C") ? Map.of("LC_ALL", "C") : Map.of();

            int exit = runOnce(sandbox, withoutLocale(sandbox, extra));

            String log = Files.readString(root.resolve("service.log"));
            assertThat(exit).as(log).isEqualTo(1);
            assertThat(sandbox.profile(customers.get(1)).path("email").asText()).isEqualTo("after@contoso.com");
            assertThat(inbox).isEmptyDirectory();
            Path deadLetter = root.resolve("dead-letter");
            assertThat(deadLetter.resolve("%C3%BC-first.json")).hasContent(change(customers.get(0), "umlaut@contoso.com"));
            JsonNode error = JSON.readTree(deadLetter.resolve("%C3%BC-first.json.error.json").toFile());
            assertThat(error.path("message").asText()).contains("C3 BC 2D", "LANG=C.UTF-8", "replay %C3%BC-first.json");
            assertThat(log).doesNotContain("InvalidPathException").contains("LANG=C.UTF-8");
        }
    }

    @Test
    void theShippedUnitStartsTheServiceWithAUtf8LocaleUnderWhichTheNameIsProcessedAsItIs() throws Exception {
        Matcher lang = Pattern.compile("(?m)^Environment=LANG=(\\S+)$")
                .matcher(Files.readString(Path.of("deploy", "billing-profile-sync.service")));
        assertThat(lang.find()).as("the unit sets LANG").isTrue();
        try (PartnerCenterSandbox sandbox = PartnerCenterSandbox.start(SandboxSettings.defaults())) {
            String customer = sandbox.addCustomers(1).get(0);
            Path inbox = Files.createDirectories(root.resolve("inbox"));
            Files.writeString(inbox.resolve(NAME), change(customer, "umlaut@contoso.com"));

            int exit = runOnce(sandbox, withoutLocale(sandbox, Map.of("LANG", lang.group(1))));

            assertThat(exit).as(Files.readString(root.resolve("service.log"))).isZero();
            assertThat(sandbox.profile(customer).path("email").asText()).isEqualTo("umlaut@contoso.com");
            assertThat(root.resolve("done").resolve(NAME + ".result.json")).exists();
        }
    }
}
