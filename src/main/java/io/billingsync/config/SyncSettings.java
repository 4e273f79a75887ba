package io.billingsync.config;

import static io.billingsync.config.SettingsTable.*;

import io.billingsync.partnercenter.Backoff;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The service's settings, typed and checked at start-up: every setting of the {@link SettingsTable} by
 * {@link #value(Setting)}. Every problem is collected and reported at once, naming the property and the fix, so
 * an operator fixes the configuration in one go.
 */
public record SyncSettings(Map<Setting<?>, Object> values, AuthSettings auth) {

    /** The refresh-token grant; null when a static token is used. */
    public record AuthSettings(URI tokenUrl, String clientId, String clientSecret, Path refreshTokenFile,
                               String refreshToken) {
        @Override
        public String toString() {
            return "AuthSettings[tokenUrl=" + tokenUrl + ", clientId=" + clientId + ", refreshTokenFile="
                    + refreshTokenFile + "]";
        }
    }

    @SuppressWarnings("unchecked")
    public <T> T value(Setting<T> setting) {
        return (T) values.get(setting);
    }

    @Override
    public String toString() {
        return "SyncSettings[baseUrl=" + baseUrl() + ", auth=" + (auth != null ? auth : staticToken() != null ? "static token" : "none")
                + ", inbox=" + inbox() + ", done=" + done() + ", deadLetter=" + deadLetter() + ", work=" + work()
                + ", concurrency=" + concurrency() + ", dryRun=" + dryRun() + ", once=" + once() + "]";
    }

    /** Conflict rounds wait at most this many times {@code sync.conflict.backoff}. */
    static final int CONFLICT_BACKOFF_GROWTH = 20;

    public Duration conflictBackoffCeiling() {
        return conflictBackoff().multipliedBy(CONFLICT_BACKOFF_GROWTH);
    }

    public boolean desiredStateEnabled() {
        return desiredStateFile() != null;
    }

    /** Files are fetched from an SFTP server: a host is set, and the run may change things (not a dry run). */
    public boolean sftpEnabled() {
        return value(SftpSettingsTable.SFTP_HOST) != null && !dryRun();
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
        SettingsReader r = new SettingsReader(p);
        Map<Setting<?>, Object> values = new HashMap<>();
        ALL.forEach(setting -> values.put(setting, r.get(setting)));
        if (online && r.text(BASE_URL.name()) == null) {
            r.problem(BASE_URL.name() + " is not set: " + BASE_URL_FIX);
        }
        AuthSettings auth = null;
        if (r.text(TOKEN_URL.name()) != null) {
            auth = new AuthSettings((URI) values.get(TOKEN_URL),
                    r.required(CLIENT_ID, "set the application (client) id registered in Azure AD"),
                    r.required(CLIENT_SECRET, "set it in the environment as "
                            + SettingsLoader.environmentName(CLIENT_SECRET.name()) + " or in a file outside the repository"),
                    r.get(REFRESH_TOKEN_FILE), r.get(REFRESH_TOKEN));
            if (auth.refreshTokenFile() == null && auth.refreshToken() == null) {
                r.problem(REFRESH_TOKEN_FILE.name() + " is not set: set it to the file holding the refresh token "
                        + "(it is updated when Partner Center's token endpoint rotates it)");
            }
        } else if (values.get(TOKEN) == null && online) {
            r.problem("no credentials: set " + TOKEN_URL.name() + " with " + CLIENT_ID.name() + ", " + CLIENT_SECRET.name()
                    + " and " + REFRESH_TOKEN_FILE.name() + " (App + User refresh-token grant), or a static bearer token in "
                    + SettingsLoader.environmentName(TOKEN.name()));
        }
        if (online) {
            SftpSettingsCheck.check(r, values);
        }
        SyncSettings settings = new SyncSettings(Collections.unmodifiableMap(values), auth);
        if (!settings.addressValidationDeadLetters().isEmpty() && !settings.addressValidation()) {
            r.problem(ADDRESS_VALIDATION_DEAD_LETTER.name() + " is set but " + ADDRESS_VALIDATION.name()
                    + " is false: set " + ADDRESS_VALIDATION.name() + "=true to validate addresses, or leave the statuses empty");
        }
        HTTP_TIMEOUTS.forEach(r::positiveMillis);
        checkWaits(r, settings);
        r.failIfProblems();
        return settings;
    }

    /** Waits Camel or the backoffs could not take, reported in the words of the setting the user wrote. */
    private static void checkWaits(SettingsReader r, SyncSettings s) {
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
                    + ": the waits grow from the first to the longest, so make " + RETRY_MAX_BACKOFF.name() + " at least as long");
        }
    }

    public URI baseUrl() { return value(BASE_URL); }
    public String staticToken() { return value(TOKEN); }
    public String application() { return value(APPLICATION); }
    public String locale() { return value(LOCALE); }
    public Path inbox() { return value(INBOX); }
    /** Pattern to mapping file, in order; empty when every file is read as change requests. */
    public Map<String, Path> mappings() { Map<String, Path> m = value(MAPPINGS); return m == null ? Map.of() : m; }
    public Path done() { return value(DONE); }
    public Path deadLetter() { return value(DEAD_LETTER); }
    public Path work() { return value(WORK); }
    public boolean history() { return value(HISTORY); }
    public Duration historyRetention() { return value(HISTORY_RETENTION); }
    public Duration changedAtClockSkew() { return value(CHANGED_AT_CLOCK_SKEW); }
    public int concurrency() { return value(CONCURRENCY); }
    public int maxRequestsPerSecond() { return value(MAX_REQUESTS_PER_SECOND); }
    public int coalesceMaxChanges() { return value(COALESCE_MAX_CHANGES); }
    public int conflictMaxAttempts() { return value(CONFLICT_MAX_ATTEMPTS); }
    public boolean countryRules() { return value(COUNTRY_RULES); }
    public Duration countryRulesMaxAge() { return value(COUNTRY_RULES_MAX_AGE); }
    public boolean addressValidation() { return value(ADDRESS_VALIDATION); }
    public Set<String> addressValidationDeadLetters() {
        Set<String> statuses = value(ADDRESS_VALIDATION_DEAD_LETTER);
        return statuses == null ? Set.of() : statuses;
    }
    public Duration conflictBackoff() { return value(CONFLICT_BACKOFF); }
    public Duration retryMaxDuration() { return value(RETRY_MAX_DURATION); }
    public Duration retryInitialBackoff() { return value(RETRY_INITIAL_BACKOFF); }
    public Duration retryMaxBackoff() { return value(RETRY_MAX_BACKOFF); }
    public Path desiredStateFile() { return value(DESIRED_STATE_FILE); }
    public Duration desiredStatePeriod() { return value(DESIRED_STATE_PERIOD); }
    public Duration desiredStateDriftCheckInterval() { return value(DESIRED_STATE_DRIFT_CHECK_INTERVAL); }
    public boolean dryRun() { return value(DRY_RUN); }
    public boolean once() { return value(ONCE); }
    public Duration quietPeriod() { return value(QUIET_PERIOD); }
    public Duration pollInterval() { return value(POLL_INTERVAL); }
    public Duration inboxMaxBackoff() { return value(INBOX_MAX_BACKOFF); }
    public Duration progressInterval() { return value(PROGRESS_INTERVAL); }
    public Duration requestTimeout() { return value(REQUEST_TIMEOUT); }
}
