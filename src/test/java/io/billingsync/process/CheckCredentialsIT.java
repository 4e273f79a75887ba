package io.billingsync.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.billingsync.sandbox.MfaClaims;
import io.billingsync.sandbox.PartnerCenterSandbox;
import io.billingsync.sandbox.RecordedRequest;
import io.billingsync.testkit.SandboxExtension;
import io.billingsync.testkit.SandboxExtension.Root;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code check-credentials} on the jar, against the sandbox's token endpoint and Partner Center. */
@ExtendWith(SandboxExtension.class)
class CheckCredentialsIT {
    @Root
    Path root;
    PartnerCenterSandbox sandbox;
    Path refreshTokenFile;
    String firstRefreshToken;

    record Run(int exitCode, String output) {
    }

    @BeforeEach
    void consent() throws Exception {
        refreshTokenFile = root.resolve("refresh-token");
        firstRefreshToken = sandbox.issueRefreshToken();
        Files.writeString(refreshTokenFile, firstRefreshToken);
    }

    private Run checkCredentials() throws Exception {
        Path config = ServiceProcess.writeConfig(root, "partnercenter.base-url = " + sandbox.baseUrl(),
                "partnercenter.auth.token-url = " + sandbox.tokenUrl(),
                "partnercenter.auth.client-id = " + sandbox.settings().clientId(),
                "partnercenter.auth.refresh-token-file = " + refreshTokenFile);
        Path log = root.resolve("check.log");
        Files.deleteIfExists(log);
        try (ServiceProcess check = ServiceProcess.start(config, log,
                Map.of("PARTNERCENTER_AUTH_CLIENT_SECRET", sandbox.settings().clientSecret()), "check-credentials")) {
            int exitCode = check.awaitExit(60);
            return new Run(exitCode, Files.readString(log));
        }
    }

    private void assertNoSecretIn(String output) {
        List<String> secrets = new ArrayList<>(sandbox.issuedRefreshTokens());
        secrets.addAll(sandbox.issuedAccessTokens());
        secrets.add(sandbox.settings().clientSecret());
        assertThat(secrets).isNotEmpty().allSatisfy(secret -> assertThat(output).doesNotContain(secret));
    }

    @Test
    void credentialsThatWorkSaySoInOneScreenWithoutASecret() throws Exception {
        Run run = checkCredentials();

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("App + User refresh-token grant", sandbox.settings().clientId(),
                "GET /v1/countryvalidationrules/US with ValidateMfa: true", "isMfaCompliant: true", "will work");
        assertThat(run.output().lines().count()).as("one screen").isLessThan(15);
        assertNoSecretIn(run.output());
        List<RecordedRequest> reads = sandbox.requests().stream().filter(r -> r.path().startsWith("/v1/")).toList();
        assertThat(reads).hasSize(1);
        assertThat(reads.get(0).header("ValidateMfa")).isEqualTo("true");
        assertThat(Files.readString(refreshTokenFile).trim()).as("the rotated refresh token is kept")
                .isNotEqualTo(firstRefreshToken).isIn(sandbox.issuedRefreshTokens());
    }

    @Test
    void aTokenWithoutTheMfaClaimWillNotWorkAndTheCheckSaysWhatToDo() throws Exception {
        sandbox.faults().mfa().set(MfaClaims.Mode.MISSING);
        Run notYetEnforced = checkCredentials();
        sandbox.faults().mfa().set(MfaClaims.Mode.ENFORCED);
        Run enforced = checkCredentials();

        assertThat(notYetEnforced.exitCode()).as(notYetEnforced.output()).isEqualTo(3);
        assertThat(notYetEnforced.output()).contains("isMfaCompliant: false", "will NOT work", "consent again", "MFA");
        assertThat(enforced.exitCode()).as(enforced.output()).isEqualTo(3);
        assertThat(enforced.output()).contains("HTTP 401", "900421", "will NOT work", "consent again");
        assertNoSecretIn(notYetEnforced.output() + enforced.output());
    }

    @Test
    void aRefusedGrantWillNotWorkAndAnUnreachableEndpointCannotTell() throws Exception {
        sandbox.revokeRefreshTokens();
        Run refused = checkCredentials();
        sandbox.stop();
        Run unreachable = checkCredentials();

        assertThat(refused.exitCode()).as(refused.output()).isEqualTo(3);
        assertThat(refused.output()).contains("access token", "REFUSED", "invalid_grant", "will NOT work");
        assertThat(unreachable.exitCode()).as(unreachable.output()).isEqualTo(4);
        assertThat(unreachable.output()).contains("Could not tell");
        assertNoSecretIn(refused.output() + unreachable.output());
    }
}
