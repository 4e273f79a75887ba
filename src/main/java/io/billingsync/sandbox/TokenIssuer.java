package io.billingsync.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sandbox's Azure AD token endpoint for the App + User refresh-token grant: short-lived access tokens,
 * rotating refresh tokens (a used one stops working), and Azure AD's error answers.
 */
final class TokenIssuer {
    record Answer(int status, Map<String, Object> body) {
    }

    private final SandboxSettings settings;
    private final Clock clock;
    private final Set<String> refreshTokens = ConcurrentHashMap.newKeySet();
    private final Set<String> everyRefreshToken = ConcurrentHashMap.newKeySet();
    private final Map<String, Instant> accessTokens = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();

    TokenIssuer(SandboxSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    String issueRefreshToken() {
        String token = "rt-" + SandboxSettings.randomSecret();
        refreshTokens.add(token);
        everyRefreshToken.add(token);
        return token;
    }

    void revokeRefreshTokens() {
        refreshTokens.clear();
    }

    Set<String> issuedRefreshTokens() {
        return Set.copyOf(everyRefreshToken);
    }

    Set<String> issuedAccessTokens() {
        return Set.copyOf(accessTokens.keySet());
    }

    int requests() {
        return requests.get();
    }

    boolean acceptsAccessToken(String token) {
        Instant expires = accessTokens.get(token);
        return expires != null && clock.instant().isBefore(expires);
    }

    Answer grant(Map<String, String> form) {
        requests.incrementAndGet();
        if (!"refresh_token".equals(form.get("grant_type"))) {
            return error(400, "unsupported_grant_type", "AADSTS70003: The app requested an unsupported grant type.", 70003);
        }
        if (!settings.clientId().equals(form.get("client_id")) || !settings.clientSecret().equals(form.get("client_secret"))) {
            return error(401, "invalid_client", "AADSTS7000215: Invalid client secret provided.", 7000215);
        }
        String refreshToken = form.get("refresh_token");
        boolean valid = refreshToken != null && (settings.rotateRefreshTokens()
                ? refreshTokens.remove(refreshToken) : refreshTokens.contains(refreshToken));
        if (!valid) {
            return error(400, "invalid_grant", "AADSTS70008: The provided authorization code or refresh token has "
                    + "expired due to inactivity. Send a new interactive authorization request for this user and resource.", 70008);
        }
        String access = "at-" + SandboxSettings.randomSecret();
        long ttl = settings.accessTokenTtl().toSeconds();
        accessTokens.put(access, clock.instant().plus(Duration.ofSeconds(ttl)));
        String next = settings.rotateRefreshTokens() ? issueRefreshToken() : refreshToken;
        return new Answer(200, Map.of("token_type", "Bearer", "access_token", access, "expires_in", String.valueOf(ttl),
                "ext_expires_in", String.valueOf(ttl), "refresh_token", next, "resource", form.getOrDefault("resource", "")));
    }

    private static Answer error(int status, String error, String description, int code) {
        return new Answer(status, Map.of("error", error, "error_description", description, "error_codes", new int[] {code}));
    }
}
