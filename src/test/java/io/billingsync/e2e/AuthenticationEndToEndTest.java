package io.billingsync.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.billingsync.batch.RunSummary;
import io.billingsync.sandbox.MfaClaims;
import io.billingsync.sandbox.SandboxSettings;
import io.billingsync.service.SyncService;
import io.billingsync.testkit.SandboxExtension.Root;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The App + User refresh-token grant through the real service, with short-lived tokens from the sandbox. */
class AuthenticationEndToEndTest {
    @RegisterExtension
    final SyncServiceExtension sync = new SyncServiceExtension(SandboxSettings.defaults().withAccessTokenTtl(Duration.ofSeconds(2)));
    @Root
    Path root;
    SyncHarness harness;
    Path refreshTokenFile;
    Map<String, String> auth;

    @BeforeEach
    void signIn() throws Exception {
        refreshTokenFile = root.resolve("secrets").resolve("refresh-token");
        Files.createDirectories(refreshTokenFile.getParent());
        Files.writeString(refreshTokenFile, harness.sandbox.issueRefreshToken());
        auth = new HashMap<>();
        auth.put("partnercenter.token", "");
        auth.put("partnercenter.auth.token-url", harness.sandbox.tokenUrl().toString());
        auth.put("partnercenter.auth.client-id", harness.sandbox.settings().clientId());
        auth.put("partnercenter.auth.client-secret", harness.sandbox.settings().clientSecret());
        auth.put("partnercenter.auth.refresh-token-file", refreshTokenFile.toString());
    }

    @Test
    void tokensExpiringMidBatchAreRefreshedAndEveryChangeIsApplied() throws Exception {
        List<String> customers = harness.sandbox.addCustomers(20);
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 80; i++) {
            lines.append("{\"customerId\":\"").append(customers.get(i % 20)).append("\",\"changes\":{\"companyName\":\"Auth ")
                    .append(i).append("\"}}\n");
        }
        harness.sandbox.setLatency(Duration.ofMillis(40));
        harness.drop("auth.ndjson", lines.toString());
        // a request per change keeps the batch long enough for the short-lived tokens to expire in the middle of it
        auth.put("sync.coalesce.max-changes", "1");

        RunSummary summary = harness.runOnce(auth);

        assertThat(summary.exitCode()).isZero();
        assertThat(summary.files().get(0).summary().applied()).isEqualTo(80);
        assertThat(harness.sandbox.tokenRequests()).as("refreshed mid-batch").isGreaterThanOrEqualTo(2);
        assertThat(Files.readString(refreshTokenFile).trim()).as("rotated token persisted")
                .isIn(harness.sandbox.issuedRefreshTokens());
    }

    @Test
    void aNewlyIssuedTokenRefusedTooHaltsProcessingInsteadOfDeadLetteringEveryChange() throws Exception {
        List<String> customers = harness.sandbox.addCustomers(2);
        String refused = customers.get(0);
        harness.sandbox.faults().answerNext(refused, 401,
                "{\"code\": 401, \"description\": \"Unauthorized.\", \"data\": [], \"source\": \"PartnerFD\"}", 2);
        harness.drop("refused.json", "[{\"customerId\":\"" + refused + "\",\"changes\":{\"email\":\"no@contoso.com\"}},"
                + "{\"customerId\":\"" + customers.get(1) + "\",\"changes\":{\"email\":\"later@contoso.com\"}}]");
        harness.drop("z-later.json", "{\"customerId\":\"" + customers.get(1) + "\",\"changes\":{\"email\":\"z@contoso.com\"}}");
        Map<String, String> settings = new HashMap<>(auth);
        settings.put("sync.concurrency", "1");

        RunSummary summary = harness.runOnce(settings);

        assertThat(summary.exitCode()).as(summary.render()).isEqualTo(3);
        assertThat(summary.halts().get(0)).contains("refused.json", "HTTP 401");
        assertThat(harness.sandbox.tokenRequests()).as("refreshed once after the first 401").isEqualTo(2);
        assertThat(harness.sandbox.requests().stream().filter(r -> r.path().contains(refused))).hasSize(2);
        assertThat(harness.deadLetter).as("nothing dead-lettered: the credentials are wrong, not the change").isEmptyDirectory();
        assertThat(harness.inbox.resolve("refused.json")).exists();
        assertThat(harness.inbox.resolve("z-later.json")).as("later files wait").exists();
        assertThat(harness.sandbox.requests()).noneMatch(r -> r.method().equals("PUT"));
    }

    @Test
    void aTokenWithoutTheMfaClaimHaltsAtOnceWithWhatToDo() throws Exception {
        String customer = harness.sandbox.addCustomers(1).get(0);
        harness.sandbox.faults().answerNext(customer, 401, "{\"code\": 900421, \"description\": \"Multi-factor "
                + "authentication is required.\", \"data\": [], \"source\": \"PartnerFD\"}", 5);
        harness.drop("mfa.json", "[{\"customerId\":\"" + customer + "\",\"changes\":{\"email\":\"a@contoso.com\"}},"
                + "{\"customerId\":\"" + customer + "\",\"changes\":{\"email\":\"b@contoso.com\"}}]");

        RunSummary summary = harness.runOnce(auth);

        assertThat(summary.exitCode()).as(summary.render()).isEqualTo(3);
        assertThat(summary.halts().get(0)).contains("900421", "MFA", "consent again", "AUTHENTICATION.md");
        assertThat(harness.sandbox.tokenRequests()).as("no new token: it would lack the MFA claim too").isEqualTo(1);
        assertThat(harness.sandbox.requests().stream().filter(r -> r.path().contains(customer))).hasSize(1);
        assertThat(harness.inbox.resolve("mfa.json")).exists();
        assertThat(harness.deadLetter).isEmptyDirectory();
    }

    @Test
    void mfaEnforcedOnEveryCallHaltsTheServiceWithReadinessSayingWhyUntilTheTokensCarryTheClaim() throws Exception {
        String customer = harness.sandbox.addCustomers(1).get(0);
        harness.sandbox.faults().mfa().set(MfaClaims.Mode.ENFORCED);
        ManagementPort management = new ManagementPort();
        Map<String, String> settings = new HashMap<>(auth);
        settings.putAll(management.settings());
        harness.drop("mfa.json", "{\"customerId\":\"" + customer + "\",\"changes\":{\"email\":\"mfa@contoso.com\"}}");

        harness.start(settings);

        String ready = "/observe/health/ready?data=true";
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> management.get(ready).statusCode() == 503);
        assertThat(management.get(ready).body()).contains("partner-center", "900421");
        assertThat(harness.deadLetter).isEmptyDirectory();
        assertThat(harness.inbox.resolve("mfa.json")).exists();
        assertThat(harness.sandbox.requests()).noneMatch(r -> r.method().equals("PUT"));

        harness.sandbox.faults().mfa().set(MfaClaims.Mode.CLAIMED); // consented again with MFA

        harness.awaitResult("mfa.json", Duration.ofSeconds(30));
        assertThat(harness.sandbox.profile(customer).path("email").asText()).isEqualTo("mfa@contoso.com");
        assertThat(harness.deadLetter).isEmptyDirectory();
    }

    @Test
    void aRevokedRefreshTokenHaltsProcessingInsteadOfDeadLetteringEverything() throws Exception {
        String customer = harness.sandbox.addCustomers(1).get(0);
        harness.sandbox.revokeRefreshTokens();
        harness.drop("halt.json", "[{\"customerId\":\"" + customer + "\",\"changes\":{\"email\":\"x@contoso.com\"}},"
                + "{\"customerId\":\"" + customer + "\",\"changes\":{\"email\":\"y@contoso.com\"}}]");

        RunSummary summary = harness.runOnce(auth);

        assertThat(summary.exitCode()).isEqualTo(3);
        assertThat(summary.halts().get(0)).contains("invalid_grant", "AADSTS70008", "one-time");
        assertThat(harness.inbox.resolve("halt.json")).exists();
        assertThat(harness.deadLetter).isEmptyDirectory();
        assertThat(harness.sandbox.requests()).noneMatch(r -> r.path().contains("/v1/customers/"));
    }

    @Test
    void aRotatedRefreshTokenThatCannotBeSavedHaltsItsFileAndHoldsBackTheLaterOnes() throws Exception {
        String customer = harness.sandbox.addCustomers(1).get(0);
        SettledChanges changes = new SettledChanges();
        harness.drop("a.json", "[" + changes.change("a0", customer, "old@contoso.com") + "]");
        harness.drop("b.json", "[" + changes.change("b0", customer, "new@contoso.com") + "]");
        Path secrets = refreshTokenFile.getParent();
        SyncService service = harness.service(auth); // reads the refresh token
        Files.move(secrets, root.resolve("secrets-away"));
        Files.writeString(secrets, "not a folder");

        service.start();

        harness.awaitResult("b.json", Duration.ofSeconds(20));
        assertThat(SettledChanges.putEmails(harness, customer)).containsExactly("old@contoso.com", "new@contoso.com");
        changes.assertHolds(harness);
    }
}
