package io.billingsync.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billingsync.records.AtomicFiles;
import io.billingsync.sandbox.PartnerCenterSandbox;
import io.billingsync.sandbox.SandboxSettings;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The refresh-token grant against the sandbox's token endpoint over real HTTP. */
class RefreshTokenProviderTest {

    @TempDir
    Path dir;
    PartnerCenterSandbox sandbox;
    Path tokenFile;

    @BeforeEach
    void start() throws Exception {
        sandbox = PartnerCenterSandbox.start(SandboxSettings.defaults().withAccessTokenTtl(Duration.ofSeconds(3)));
        tokenFile = dir.resolve("refresh-token");
        Files.writeString(tokenFile, sandbox.issueRefreshToken() + "\n");
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private RefreshTokenProvider provider(String secret, Duration refreshAhead) {
        return new RefreshTokenProvider(sandbox.tokenUrl(), sandbox.settings().clientId(), secret,
                RefreshTokenStore.fromFile(tokenFile, AtomicFiles::write), HttpClient.newHttpClient(), Clock.systemUTC(), refreshAhead);
    }

    @Test
    void cachesTheAccessTokenAndPersistsTheRotatedRefreshTokenOwnerOnly() throws Exception {
        String original = Files.readString(tokenFile).trim();
        RefreshTokenProvider tokens = provider(sandbox.settings().clientSecret(), Duration.ZERO);

        String first = tokens.accessToken();

        assertThat(tokens.accessToken()).isEqualTo(first);
        assertThat(sandbox.tokenRequests()).isEqualTo(1);
        assertThat(sandbox.issuedAccessTokens()).contains(first);
        String rotated = Files.readString(tokenFile).trim();
        assertThat(rotated).isNotEqualTo(original).isIn(sandbox.issuedRefreshTokens());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile))).isEqualTo("rw-------");
        assertThat(tokens.toString()).doesNotContain(first, rotated, sandbox.settings().clientSecret());

        // a new start reads the newest refresh token (the old one was invalidated by the rotation)
        assertThat(provider(sandbox.settings().clientSecret(), Duration.ZERO).accessToken()).isNotEqualTo(first);
    }

    @Test
    void refreshesShortlyBeforeExpiry() throws Exception {
        RefreshTokenProvider tokens = provider(sandbox.settings().clientSecret(), Duration.ofMinutes(2));
        String first = tokens.accessToken();
        assertThat(tokens.accessToken()).as("still fresh").isEqualTo(first);
        Thread.sleep(1700); // past half of the 3 s lifetime
        String second = tokens.accessToken();
        assertThat(second).isNotEqualTo(first);
        assertThat(sandbox.tokenRequests()).isEqualTo(2);
    }

    @Test
    void oneRefreshInFlightHoweverManyThreadsAsk() throws Exception {
        RefreshTokenProvider tokens = provider(sandbox.settings().clientSecret(), Duration.ZERO);
        sandbox.setLatency(Duration.ofMillis(300));
        Set<String> seen = ConcurrentHashMap.newKeySet();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(16);
        for (int i = 0; i < 16; i++) {
            threads.submit(() -> {
                go.await();
                seen.add(tokens.accessToken());
                return null;
            });
        }
        go.countDown();
        threads.shutdown();
        assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(seen).hasSize(1);
        assertThat(sandbox.tokenRequests()).isEqualTo(1);
    }

    @Test
    void invalidatingTheRejectedTokenFetchesANewOneButAStaleRejectionDoesNot() {
        RefreshTokenProvider tokens = provider(sandbox.settings().clientSecret(), Duration.ZERO);
        String first = tokens.accessToken();
        tokens.invalidate(first);
        String second = tokens.accessToken();
        assertThat(second).isNotEqualTo(first);
        tokens.invalidate(first);
        assertThat(tokens.accessToken()).isEqualTo(second);
        assertThat(sandbox.tokenRequests()).isEqualTo(2);
    }

    @Test
    void aRevokedRefreshTokenGivesAnActionableMessageWithoutSecrets() {
        String refresh = sandbox.issuedRefreshTokens().iterator().next();
        sandbox.revokeRefreshTokens();
        assertThatThrownBy(() -> provider(sandbox.settings().clientSecret(), Duration.ZERO).accessToken())
                .isInstanceOf(AuthenticationFailedException.class)
                .hasMessageContaining("invalid_grant")
                .hasMessageContaining("AADSTS70008")
                .hasMessageContaining("one-time")
                .hasMessageNotContaining(refresh)
                .hasMessageNotContaining(sandbox.settings().clientSecret());
    }

    @Test
    void aWrongClientSecretSaysWhichSettingToCheck() {
        assertThatThrownBy(() -> provider("wrong-secret-value", Duration.ZERO).accessToken())
                .isInstanceOf(AuthenticationFailedException.class)
                .hasMessageContaining("invalid_client")
                .hasMessageContaining("PARTNERCENTER_AUTH_CLIENT_SECRET")
                .hasMessageNotContaining("wrong-secret-value");
    }

    @Test
    void anUnreachableTokenEndpointIsTransient() {
        sandbox.stop();
        assertThatThrownBy(() -> provider(sandbox.settings().clientSecret(), Duration.ZERO).accessToken())
                .isInstanceOf(TransientFailureException.class);
    }
}
