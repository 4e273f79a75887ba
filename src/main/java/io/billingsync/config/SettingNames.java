package io.billingsync.config;

import java.util.List;

/** The property names operators script against (SPEC: "Configuration names that stay stable"), plus ours. */
public final class SettingNames {
    public static final String BASE_URL = "partnercenter.base-url";
    public static final String TOKEN = "partnercenter.token";
    public static final String TOKEN_URL = "partnercenter.auth.token-url";
    public static final String CLIENT_ID = "partnercenter.auth.client-id";
    public static final String CLIENT_SECRET = "partnercenter.auth.client-secret";
    public static final String REFRESH_TOKEN_FILE = "partnercenter.auth.refresh-token-file";
    public static final String REFRESH_TOKEN = "partnercenter.auth.refresh-token";
    public static final String APPLICATION = "partnercenter.application";
    public static final String LOCALE = "partnercenter.locale";
    public static final String REQUEST_TIMEOUT = "partnercenter.request-timeout";
    /** camel-http's own timeouts (milliseconds), checked at start-up: 0 would mean "wait forever". */
    public static final List<String> HTTP_TIMEOUTS = List.of("camel.component.http.connect-timeout",
            "camel.component.http.connection-request-timeout", "camel.component.http.response-timeout",
            "camel.component.http.so-timeout");
    public static final String INBOX = "sync.inbox";
    public static final String DONE = "sync.done";
    public static final String DEAD_LETTER = "sync.dead-letter";
    public static final String WORK = "sync.work";
    public static final String CONCURRENCY = "sync.concurrency";
    public static final String CONFLICT_MAX_ATTEMPTS = "sync.conflict.max-attempts";
    public static final String CONFLICT_BACKOFF = "sync.conflict.backoff";
    public static final String RETRY_MAX_DURATION = "sync.retry.max-duration";
    public static final String RETRY_INITIAL_BACKOFF = "sync.retry.initial-backoff";
    public static final String RETRY_MAX_BACKOFF = "sync.retry.max-backoff";
    public static final String DESIRED_STATE_FILE = "sync.desired-state.file";
    public static final String DESIRED_STATE_PERIOD = "sync.desired-state.period";
    public static final String DRY_RUN = "sync.dry-run";
    public static final String ONCE = "sync.once";
    public static final String QUIET_PERIOD = "sync.inbox.quiet-period";
    public static final String POLL_INTERVAL = "sync.inbox.poll-interval";
    public static final String INBOX_MAX_BACKOFF = "sync.inbox.max-backoff";
    public static final String PROGRESS_INTERVAL = "sync.progress-interval";

    public static final List<String> ALL = List.of(BASE_URL, TOKEN, TOKEN_URL, CLIENT_ID, CLIENT_SECRET,
            REFRESH_TOKEN_FILE, REFRESH_TOKEN, APPLICATION, LOCALE, REQUEST_TIMEOUT, INBOX, DONE, DEAD_LETTER, WORK, CONCURRENCY,
            CONFLICT_MAX_ATTEMPTS, CONFLICT_BACKOFF, RETRY_MAX_DURATION, RETRY_INITIAL_BACKOFF, RETRY_MAX_BACKOFF,
            DESIRED_STATE_FILE, DESIRED_STATE_PERIOD, DRY_RUN, ONCE, QUIET_PERIOD, POLL_INTERVAL, INBOX_MAX_BACKOFF,
            PROGRESS_INTERVAL);

    private SettingNames() {
    }
}
