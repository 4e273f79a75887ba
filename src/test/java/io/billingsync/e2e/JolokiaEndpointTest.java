package io.billingsync.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.billingsync.config.InvalidSettingsException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Jolokia for Hawtio on the management port: a route's MBean is read with the credentials (200), refused without
 * them (401), while health stays open; switched on without authentication, the service does not start.
 */
@ExtendWith(SyncServiceExtension.class)
class JolokiaEndpointTest {
    static final String READ_INBOX_STATE = "{\"type\":\"read\",\"mbean\":\"org.apache.camel:context=billing-profile-sync,"
            + "type=routes,name=\\\"inbox\\\"\",\"attribute\":\"State\"}";

    SyncHarness harness;
    ManagementPort port = new ManagementPort();
    HttpClient http = HttpClient.newHttpClient();

    @Test
    void aRoutesMBeanIsReadWithTheCredentialsAndRefusedWithout() throws Exception {
        Path users = Files.writeString(harness.folders.root().resolve("management-users.properties"),
                "user.hawtio = correct-horse,admin\nrole.admin = *\n");
        harness.start(port.settings("camel.management.jolokia-enabled", "true",
                "camel.management.authentication-enabled", "true",
                "camel.management.authentication-path", "/observe/jolokia/*",
                "camel.management.basic-properties-file", users.toString()));
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> port.get("/observe/health").statusCode() == 200);

        HttpResponse<String> granted = read("hawtio:correct-horse");
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(200);
        JsonNode answer = SyncHarness.parse(granted.body());
        assertThat(answer.path("status").asInt()).as(granted.body()).isEqualTo(200);
        assertThat(answer.path("value").asText()).isEqualTo("Started");

        assertThat(read(null).statusCode()).as("no credentials").isEqualTo(401);
        assertThat(read("hawtio:wrong").statusCode()).as("a wrong password").isEqualTo(401);
        assertThat(port.get("/observe/health").statusCode()).as("health needs no credentials").isEqualTo(200);
    }

    @Test
    void jolokiaWithoutAuthenticationStopsTheStart() {
        assertThatThrownBy(() -> harness.start(port.settings("camel.management.jolokia-enabled", "true")))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("camel.management.authentication-enabled=true");
    }

    private HttpResponse<String> read(String credentials) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port.port + "/observe/jolokia"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(READ_INBOX_STATE));
        if (credentials != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
