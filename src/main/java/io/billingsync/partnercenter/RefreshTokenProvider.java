package io.billingsync.partnercenter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billingsync.failure.FailureKind;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Access tokens for the App + User refresh-token grant against the tenant's Azure AD token endpoint.
 * Tokens are cached and refreshed shortly before they expire; one refresh at a time, whatever the number of
 * threads asking; a rotated refresh token is persisted at once.
 *
 * <p>A small client of its own rather than MSAL4J: MSAL4J validates its authority as an https Azure AD
 * authority, so the grant could not be exercised against the embedded sandbox on loopback, and the grant
 * itself is one form POST.
 */
public final class RefreshTokenProvider implements TokenProvider {
    static final String RESOURCE = "https://api.partnercenter.microsoft.com";
    private static final Pattern AADSTS = Pattern.compile("AADSTS\\d+");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI tokenUrl;
    private final String clientId;
    private final String clientSecret;
    private final RefreshTokenStore refreshTokens;
    private final HttpClient http;
    private final Clock clock;
    private final Duration refreshAhead;
    private String accessToken;
    private Instant refreshAt = Instant.MIN;
    private final java.util.concurrent.atomic.AtomicLong failures = new java.util.concurrent.atomic.AtomicLong();

    public RefreshTokenProvider(URI tokenUrl, String clientId, String clientSecret, RefreshTokenStore refreshTokens,
                                HttpClient http, Clock clock, Duration refreshAhead) {
        this.tokenUrl = tokenUrl;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.refreshTokens = refreshTokens;
        this.http = http;
        this.clock = clock;
        this.refreshAhead = refreshAhead;
    }

    @Override
    public synchronized String accessToken() {
        if (accessToken == null || !clock.instant().isBefore(refreshAt)) {
            refresh();
        }
        return accessToken;
    }

    @Override
    public synchronized void invalidate(String rejectedToken) {
        if (rejectedToken == null || rejectedToken.equals(accessToken)) {
            accessToken = null;
        }
    }

    @Override
    public boolean canRefresh() {
        return true;
    }

    @Override
    public synchronized List<String> tokensInUse() {
        List<String> inUse = new ArrayList<>(List.of(clientSecret, refreshTokens.current()));
        if (accessToken != null) {
            inUse.add(accessToken);
        }
        return inUse;
    }

    @Override
    public Instant refreshTokenRotated() {
        return refreshTokens.rotatedAt();
    }

    @Override
    public long refreshFailures() {
        return failures.get();
    }

    private void refresh() {
        try {
            requestTokens();
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            throw e;
        }
    }

    private void requestTokens() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshTokens.current());
        form.put("client_id", clientId);
        form.put("client_secret", clientSecret);
        form.put("resource", RESOURCE);
        form.put("scope", "openid");
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(tokenUrl)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw ConnectionFailures.of("token request to " + tokenUrl.getHost(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ConnectionFailures.of("token request to " + tokenUrl.getHost(), new IOException("interrupted"));
        }
        JsonNode answer = parse(response.body());
        int status = response.statusCode();
        if (status == 429 || status >= 500) {
            throw new TransientFailureException("The token endpoint " + tokenUrl.getHost() + " is unavailable (HTTP "
                    + status + ")", status == 429 ? FailureKind.THROTTLED : FailureKind.TRANSIENT, status, null, null);
        }
        if (status != 200 || !answer.path("access_token").isTextual()) {
            throw new AuthenticationFailedException(refusal(status, answer));
        }
        accessToken = answer.path("access_token").asText();
        Duration lifetime = Duration.ofSeconds(answer.path("expires_in").asLong(3600));
        // refresh ahead of expiry, but never sooner than half-way through a (short) lifetime
        Duration lead = refreshAhead.compareTo(lifetime.dividedBy(2)) < 0 ? refreshAhead : lifetime.dividedBy(2);
        refreshAt = clock.instant().plus(lifetime).minus(lead);
        String rotated = answer.path("refresh_token").asText(null);
        if (rotated != null && !rotated.isEmpty() && !rotated.equals(refreshTokens.current())) {
            refreshTokens.rotated(rotated);
        }
    }

    private String refusal(int status, JsonNode answer) {
        String error = answer.path("error").asText("unknown_error");
        String description = new SecretRedaction(this::tokensInUse).redact(answer.path("error_description").asText(""));
        Matcher code = AADSTS.matcher(description);
        String aadsts = code.find() ? code.group() + " " : "";
        String firstSentence = description.replaceAll("[\\r\\n].*", "");
        if (firstSentence.length() > 240) {
            firstSentence = firstSentence.substring(0, 240) + "...";
        }
        String fix = switch (error) {
            case "invalid_grant" -> "the refresh token has expired or was revoked: obtain a new one with the one-time "
                    + "App + User consent (docs/AUTHENTICATION.md) and put it in " + refreshTokens;
            case "invalid_client", "unauthorized_client" -> "check partnercenter.auth.client-id and the client secret "
                    + "(PARTNERCENTER_AUTH_CLIENT_SECRET); an expired secret must be renewed in Azure AD";
            default -> "check the partnercenter.auth.* settings and the app registration in Azure AD";
        };
        return "Azure AD refused the token request (HTTP " + status + ", " + error + " " + aadsts.trim() + "): "
                + (firstSentence.isEmpty() ? "" : firstSentence + " ") + "Fix: " + fix + ". Processing is halted until then.";
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node == null ? JSON.createObjectNode() : node;
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    @Override
    public String toString() {
        return "RefreshTokenProvider[" + tokenUrl + ", client " + clientId + "]";
    }
}
