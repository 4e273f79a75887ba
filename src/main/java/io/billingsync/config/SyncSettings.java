package io.billingsync.config;

import static io.billingsync.config.SettingNames.*;

import io.billingsync.partnercenter.Backoff;
import io.billingsync.partnercenter.DurationSetting;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The service's settings, typed and checked at start-up. Every problem is collected and reported at once,
 * naming the property and the fix, so an operator fixes the configuration in one go.
 */
public record SyncSettings(
        URI baseUrl,
        String staticToken,
        AuthSettings auth,
        String application,
        String locale,
        Path inbox,
        Path done,
        Path deadLetter,
        Path work,
        int concurrency,
        int conflictMaxAttempts,
        Duration conflictBackoff,
        Duration retryMaxDuration,
        Duration retryInitialBackoff,
        Duration retryMaxBackoff,
        Path desiredStateFile,
        Duration desiredStatePeriod,
        boolean dryRun,
        boolean once,
        Duration quietPeriod,
        Duration pollInterval,
        Duration inboxMaxBackoff,
        Duration progressInterval,
        Duration requestTimeout) {

    /** The refresh-token grant; null when a static token is used. */
    public record AuthSettings(URI tokenUrl, String clientId, String clientSecret, Path refreshTokenFile,
                               String refreshToken) {
        @Override
        public String toString() {
            return "AuthSettings[tokenUrl=" + tokenUrl + ", clientId=" + clientId + ", refreshTokenFile="
                    + refreshTokenFile + "]";
        }
    }

    @Override
    public String toString() {
        return "SyncSettings[baseUrl=" + baseUrl + ", auth=" + (auth != null ? auth : staticToken != null ? "static token" : "none")
                + ", inbox=" + inbox + ", done=" + done + ", deadLetter=" + deadLetter + ", work=" + work
                + ", concurrency=" + concurrency + ", dryRun=" + dryRun + ", once=" + once + "]";
    }

    /** Conflict rounds wait at most this many times {@code sync.conflict.backoff}. */
    static final int CONFLICT_BACKOFF_GROWTH = 20;

    public Duration conflictBackoffCeiling() {
        return conflictBackoff.multipliedBy(CONFLICT_BACKOFF_GROWTH);
    }

    public boolean desiredStateEnabled() {
        return desiredStateFile != null;
    }

    /** The full settings of a run: a Partner Center endpoint and credentials are required. */
    public static SyncSettings from(Properties p) {
        return read(p, true);
    }

    /** The settings of an offline command (replay): folders and the like, no endpoint needed. */
    public static SyncSettings offline(Properties p) {
        return read(p, false);
    }

    private static SyncSettings read(Properties p, boolean online) {
        Reader r = new Reader(p);
        URI baseUrl = r.endpoint(BASE_URL, online,
                "set it to your Partner Center endpoint (e.g. https://api.partnercenter.microsoft.com) in "
                        + "config/application.properties, as -D" + BASE_URL + "=... or as "
                        + SettingsLoader.environmentName(BASE_URL) + ", or run with --sandbox to use the embedded sandbox");
        String token = r.text(TOKEN, null);
        AuthSettings auth = null;
        String tokenUrl = r.text(TOKEN_URL, null);
        if (tokenUrl != null) {
            auth = new AuthSettings(r.endpoint(TOKEN_URL, true, "set the tenant's token endpoint"),
                    r.required(CLIENT_ID, "set the application (client) id registered in Azure AD"),
                    r.required(CLIENT_SECRET, "set it in the environment as "
                            + SettingsLoader.environmentName(CLIENT_SECRET) + " or in a file outside the repository"),
                    r.path(REFRESH_TOKEN_FILE, null),
                    r.text(REFRESH_TOKEN, null));
            if (auth.refreshTokenFile() == null && auth.refreshToken() == null) {
                r.problem(REFRESH_TOKEN_FILE + " is not set: set it to the file holding the refresh token "
                        + "(it is updated when Partner Center's token endpoint rotates it)");
            }
        } else if (token == null && online) {
            r.problem("no credentials: set " + TOKEN_URL + " with " + CLIENT_ID + ", " + CLIENT_SECRET + " and "
                    + REFRESH_TOKEN_FILE + " (App + User refresh-token grant), or a static bearer token in "
                    + SettingsLoader.environmentName(TOKEN));
        }
        SyncSettings settings = new SyncSettings(
                baseUrl, token, auth,
                r.text(APPLICATION, "billing-profile-sync"),
                r.text(LOCALE, "en-US"),
                r.path(INBOX, Path.of("inbox")),
                r.path(DONE, Path.of("done")),
                r.path(DEAD_LETTER, Path.of("dead-letter")),
                r.path(WORK, Path.of("work")),
                r.integer(CONCURRENCY, 4, 1, 256),
                r.integer(CONFLICT_MAX_ATTEMPTS, 5, 1, 100),
                r.duration(CONFLICT_BACKOFF, "200ms"),
                r.duration(RETRY_MAX_DURATION, "24h"),
                r.duration(RETRY_INITIAL_BACKOFF, "1s"),
                r.duration(RETRY_MAX_BACKOFF, "60s"),
                r.path(DESIRED_STATE_FILE, null),
                r.duration(DESIRED_STATE_PERIOD, "15m"),
                r.bool(DRY_RUN),
                r.bool(ONCE),
                r.duration(QUIET_PERIOD, "1s"),
                r.duration(POLL_INTERVAL, "1s"),
                r.duration(INBOX_MAX_BACKOFF, "5m"),
                r.duration(PROGRESS_INTERVAL, "10s"),
                r.positiveDuration(REQUEST_TIMEOUT, "60s"));
        HTTP_TIMEOUTS.forEach(r::positiveMillis);
        checkWaits(r, settings);
        r.failIfProblems();
        return settings;
    }

    /** Waits Camel or the backoffs could not take, reported in the words of the setting the user wrote. */
    private static void checkWaits(Reader r, SyncSettings s) {
        boolean initialOk = r.positive(RETRY_INITIAL_BACKOFF, s.retryInitialBackoff());
        r.positive(CONFLICT_BACKOFF, s.conflictBackoff());
        r.positive(POLL_INTERVAL, s.pollInterval());
        r.positive(INBOX_MAX_BACKOFF, s.inboxMaxBackoff());
        r.positive(PROGRESS_INTERVAL, s.progressInterval());
        r.positive(DESIRED_STATE_PERIOD, s.desiredStatePeriod());
        boolean maxOk = r.atMost(RETRY_MAX_BACKOFF, s.retryMaxBackoff(), Backoff.LONGEST,
                "the longest wait between two retries is a day");
        Duration longestConflictBackoff = Backoff.LONGEST.dividedBy(CONFLICT_BACKOFF_GROWTH);
        r.atMost(CONFLICT_BACKOFF, s.conflictBackoff(), longestConflictBackoff, "conflict rounds wait up to "
                + CONFLICT_BACKOFF_GROWTH + " times it and no wait is longer than a day, so use at most "
                + longestConflictBackoff.toMinutes() + "m");
        if (initialOk && maxOk && s.retryMaxBackoff().compareTo(s.retryInitialBackoff()) < 0) {
            r.problem(r.described(RETRY_INITIAL_BACKOFF) + " is longer than " + r.described(RETRY_MAX_BACKOFF)
                    + ": the waits grow from the first to the longest, so make " + RETRY_MAX_BACKOFF + " at least as long");
        }
    }

    private static final class Reader {
        private final Properties properties;
        private final List<String> problems = new ArrayList<>();
        private final Map<String, String> defaults = new HashMap<>();

        Reader(Properties properties) {
            this.properties = properties;
        }

        void problem(String message) {
            problems.add(message);
        }

        void failIfProblems() {
            if (!problems.isEmpty()) {
                throw InvalidSettingsException.of(problems);
            }
        }

        String text(String name, String fallback) {
            String value = properties.getProperty(name);
            return value == null || value.isBlank() ? fallback : value.trim();
        }

        String required(String name, String fix) {
            String value = text(name, null);
            if (value == null) {
                problem(name + " is not set: " + fix);
            }
            return value;
        }

        Path path(String name, Path fallback) {
            String value = text(name, null);
            return value == null ? fallback : Path.of(value);
        }

        boolean bool(String name) {
            String value = text(name, "false");
            if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                problem(name + "=" + value + " is not a boolean: use true or false");
            }
            return value.equalsIgnoreCase("true");
        }

        int integer(String name, int fallback, int min, int max) {
            String value = text(name, null);
            if (value == null) {
                return fallback;
            }
            try {
                int parsed = Integer.parseInt(value);
                if (parsed >= min && parsed <= max) {
                    return parsed;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            problem(name + "=" + value + " is not a whole number from " + min + " to " + max);
            return fallback;
        }

        /** {@code name=value} as the user wrote it, or {@code name (value, the default)}. */
        String described(String name) {
            String value = text(name, null);
            return value != null ? name + "=" + value : name + " (" + defaults.get(name) + ", the default)";
        }

        boolean positive(String name, Duration value) {
            if (value.isZero()) {
                problem(described(name) + " must be longer than zero");
                return false;
            }
            return true;
        }

        boolean atMost(String name, Duration value, Duration limit, String why) {
            if (value.compareTo(limit) > 0) {
                problem(described(name) + " is too long: " + why);
                return false;
            }
            return true;
        }

        Duration duration(String name, String fallback) {
            defaults.put(name, fallback);
            String value = text(name, fallback);
            try {
                return DurationSetting.parse(value);
            } catch (IllegalArgumentException e) {
                problem(name + ": " + e.getMessage());
                return DurationSetting.parse(fallback);
            }
        }

        /** A duration that bounds a wait: zero would mean waiting forever, so it is refused. */
        Duration positiveDuration(String name, String fallback) {
            Duration value = duration(name, fallback);
            if (value.isZero()) {
                problem(name + "=" + text(name, fallback) + " would wait forever: give a positive duration such as "
                        + fallback);
                return DurationSetting.parse(fallback);
            }
            return value;
        }

        /** A timeout in milliseconds passed on to the HTTP client, where 0 means waiting forever. */
        void positiveMillis(String name) {
            String value = text(name, null);
            if (value == null) {
                return;
            }
            try {
                if (Long.parseLong(value) > 0) {
                    return;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            problem(name + "=" + value + " is not a timeout: give milliseconds greater than 0 (0 would wait forever)");
        }

        /** Partner Center and token endpoints: https with certificate checks, plain http only on loopback. */
        URI endpoint(String name, boolean required, String fix) {
            String value = text(name, null);
            if (value == null) {
                if (required) {
                    problem(name + " is not set: " + fix);
                }
                return null;
            }
            URI uri;
            try {
                uri = URI.create(value.replaceAll("/+$", ""));
            } catch (IllegalArgumentException e) {
                problem(name + "=" + value + " is not a URL: " + fix);
                return null;
            }
            if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
                problem(name + "=" + value + " is not an http(s) URL: " + fix);
                return null;
            }
            if ("http".equals(uri.getScheme()) && !isLoopback(uri.getHost())) {
                problem(name + "=" + value + " must use https (plain http is accepted only for loopback addresses)");
                return null;
            }
            return uri;
        }

        private static boolean isLoopback(String host) {
            if (host.equalsIgnoreCase("localhost")) {
                return true;
            }
            try {
                String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
                if (!literal.matches("[0-9.]+|[0-9a-fA-F:]+")) {
                    return false; // never resolve names here: only literal loopback addresses count
                }
                return InetAddress.getByName(literal).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }
    }
}
