package io.billingsync.sandbox;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;

/**
 * How the sandbox starts: its loopback port (0: any free one), the static bearer token it accepts, whether it
 * seeds its demo customers, and the token endpoint's client credentials and access-token lifetime.
 */
public record SandboxSettings(int port, String staticToken, boolean seed, String clientId, String clientSecret,
                              Duration accessTokenTtl, boolean rotateRefreshTokens) {

    public static SandboxSettings defaults() {
        return new SandboxSettings(0, randomSecret(), true, "sandbox-client", randomSecret(), Duration.ofHours(1), true);
    }

    public SandboxSettings withPort(int newPort) {
        return new SandboxSettings(newPort, staticToken, seed, clientId, clientSecret, accessTokenTtl, rotateRefreshTokens);
    }

    public SandboxSettings withAccessTokenTtl(Duration ttl) {
        return new SandboxSettings(port, staticToken, seed, clientId, clientSecret, ttl, rotateRefreshTokens);
    }

    static String randomSecret() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public String toString() {
        return "SandboxSettings[port=" + port + ", seed=" + seed + ", clientId=" + clientId + "]";
    }
}
