package io.billingsync.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billingsync.batch.RunSummary;
import io.billingsync.mapping.InputFormats;
import io.billingsync.config.CamelPlaceholders;
import io.billingsync.config.SettingsLoader;
import io.billingsync.cluster.LeaderElection;
import io.billingsync.cluster.LeaderSettings;
import io.billingsync.service.SyncConfiguration;
import io.billingsync.config.SyncSettings;
import io.billingsync.config.TokenProviders;
import io.billingsync.sandbox.PartnerCenterSandbox;
import io.billingsync.sandbox.RecordedRequest;
import io.billingsync.service.SyncService;
import io.billingsync.sandbox.SandboxSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.EndpointInject;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.camel.test.main.junit5.Configure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The YAML routes under Camel's Main test kit, with the service's own properties and beans, against the sandbox: the calls each route makes to Partner Center
 * are counted at the {@code direct:} endpoints of the get and put routes.
 */
@CamelMainTest(mockEndpoints = "direct:(get|put)-billing-profile")
class SyncRoutesTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path root;
    static PartnerCenterSandbox sandbox;
    static List<String> customers;

    @BeanInject
    CamelContext context;

    @EndpointInject("mock:direct:get-billing-profile")
    MockEndpoint gets;
    @EndpointInject("mock:direct:put-billing-profile")
    MockEndpoint puts;

    @BeforeAll
    static void startSandbox() {
        sandbox = PartnerCenterSandbox.start(SandboxSettings.defaults());
        customers = sandbox.addCustomers(4);
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @BeforeEach
    void resetFaults() {
        sandbox.faults().reset();
    }

    @Configure
    protected void configure(MainConfigurationProperties configuration) {
        Properties properties = new SettingsLoader(Map.of(), new Properties()).load(Path.of("config", "application.properties"), Map.of(
                "partnercenter.base-url", sandbox.baseUrl().toString(),
                "partnercenter.token", sandbox.staticToken(),
                "sync.inbox", root.resolve("inbox").toString(),
                "sync.done", root.resolve("done").toString(),
                "sync.dead-letter", root.resolve("dead-letter").toString(),
                "sync.work", root.resolve("work").toString(),
                "sync.inbox.quiet-period", "50ms",
                "sync.inbox.poll-interval", "50ms",
                "sync.conflict.backoff", "5ms",
                "sync.coalesce.max-changes", "8"));
        SyncSettings settings = SyncSettings.from(properties);
        Properties camelProperties = SyncService.camelProperties(settings, properties);
        LeaderElection election = new LeaderElection(settings, LeaderSettings.from(settings), () -> { });
        SyncConfiguration beans = new SyncConfiguration(settings, TokenProviders.create(settings), new RunSummary(), () -> { },
                Clock.systemUTC(), null, election.leadership(), InputFormats.changeRequestsOnly());
        configuration.addConfiguration(new CamelConfiguration() {
            @Override
            public void configure(CamelContext camel) throws Exception {
                camel.getPropertiesComponent().setOverrideProperties(camelProperties);
                beans.configure(camel);
                election.configure(camel);
            }
        });
        configuration.setRoutesIncludePattern(camelProperties.getProperty("camel.main.routes-include-pattern"));
    }

    /** Drops a change file into the inbox and waits until the change-file route is done with it: its first outcome. */
    private JsonNode process(String name, String changes) throws IOException {
        return processAll(name, changes).get(0);
    }

    /**
     * Drops a change file into the inbox and waits until the change-file route is done with it: every outcome. (Not a
     * NotifyBuilder on the inbox route: its idle polls complete exchanges too, and one may end before the file is taken.)
     */
    private JsonNode processAll(String name, String changes) throws IOException {
        Path inbox = Files.createDirectories(root.resolve("inbox"));
        Path temp = Files.writeString(inbox.resolve(name + ".tmp"), changes);
        Files.move(temp, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        Path result = root.resolve("done").resolve(name + ".result.json");
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> Files.exists(result)
                && !Files.exists(inbox.resolve(name)));
        return JSON.readTree(result.toFile()).path("changes");
    }

    private static String change(String customer, String changes) {
        return "{\"customerId\": \"" + customer + "\", \"changes\": " + changes + "}";
    }

    @Test
    void aConflictRedoesTheWholeRoundGetMergePut() throws Exception {
        sandbox.faults().concurrentModifications(2);
        gets.expectedMessageCount(3);
        puts.expectedMessageCount(3);

        JsonNode outcome = process("conflict.json", change(customers.get(0), "{\"email\": \"round@contoso.com\"}"));

        MockEndpoint.assertIsSatisfied(context);
        assertThat(outcome.path("outcome").asText()).isEqualTo("applied");
        assertThat(outcome.path("attempts").asInt()).isEqualTo(3);
    }

    @Test
    void aMergeThatChangesNothingNeverReachesThePutRoute() throws Exception {
        String email = sandbox.profile(customers.get(1)).path("email").asText();
        gets.expectedMessageCount(1);
        puts.expectedMessageCount(0);

        JsonNode outcome = process("same.json", change(customers.get(1), "{\"Email\": \"" + email + "\"}"));

        MockEndpoint.assertIsSatisfied(context);
        assertThat(outcome.path("outcome").asText()).isEqualTo("unchanged");
    }

    @Test
    void aPermanentFailureIsHandledOnceByTheFailureRulesAndDeadLettered() throws Exception {
        sandbox.faults().answerNext(customers.get(2), 403,
                "{\"code\": 20002, \"description\": \"No commerce relationship exists.\", \"source\": \"PartnerFD\"}");
        gets.expectedMessageCount(1);
        puts.expectedMessageCount(0);

        JsonNode outcome = process("forbidden.json", change(customers.get(2), "{\"email\": \"no@contoso.com\"}"));

        MockEndpoint.assertIsSatisfied(context);
        assertThat(outcome.path("outcome").asText()).isEqualTo("dead-lettered");
        assertThat(outcome.path("category").asText()).isEqualTo("forbidden");
        assertThat(root.resolve("dead-letter").resolve("forbidden.0.json.error.json")).exists();
    }

    @Test
    void anInvalidChangeIsDeadLetteredWithoutAnyRequest() throws Exception {
        gets.expectedMessageCount(0);

        JsonNode outcome = process("typo.json", change(customers.get(3), "{\"emial\": \"typo@contoso.com\"}"));

        MockEndpoint.assertIsSatisfied(context);
        assertThat(outcome.path("category").asText()).isEqualTo("invalid");
        assertThat(outcome.path("message").asText()).contains("emial");
    }

    @Test
    void eachCustomersResourceIsReachedThroughOneEndpointPerMethod() throws Exception {
        gets.expectedMessageCount(2);

        process("two.json", "[" + change(customers.get(0), "{\"email\": \"a@contoso.com\"}") + ","
                + change(customers.get(3), "{\"email\": \"b@contoso.com\"}") + "]");

        MockEndpoint.assertIsSatisfied(context);
        assertThat(sandbox.requests()).extracting(RecordedRequest::path)
                .contains("/v1/customers/" + customers.get(0) + "/profiles/billing",
                        "/v1/customers/" + customers.get(3) + "/profiles/billing");
        assertThat(context.getEndpoints()).filteredOn(e -> e.getEndpointUri().startsWith("http"))
                .as("the resource path is sent per message, not an endpoint per customer").hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void aCustomersChangesGoThroughTheRoundsAsOneWriteAndARejectedWriteGoesBackOneChangeAtATime() throws Exception {
        String customer = customers.get(1);
        gets.expectedMessageCount(4);
        puts.expectedMessageCount(4);

        JsonNode together = processAll("together.json", "[" + change(customer, "{\"email\": \"together@contoso.com\"}") + ","
                + change(customer, "{\"companyName\": \"Together Ltd\"}") + "]");
        JsonNode apart = processAll("apart.json", "[" + change(customer, "{\"email\": \"apart@contoso.com\"}") + ","
                + change(customer, "{\"defaultAddress\": {\"region\": \"Pacific Northwest\"}}") + "]");

        MockEndpoint.assertIsSatisfied(context); // 1 + 1 for the first write; 1 + 2 x 1 for the rejected one
        together.forEach(c -> assertThat(c.path("writtenWith")).hasSize(2));
        assertThat(apart.get(0).path("outcome").asText()).isEqualTo("applied");
        assertThat(apart.get(0).has("writtenWith")).isFalse();
        assertThat(apart.get(1).path("category").asText()).isEqualTo("rejected");
    }
}
