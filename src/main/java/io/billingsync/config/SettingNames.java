package io.billingsync.config;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;

/**
 * Every setting of the service's namespaces ({@code sync.*}, {@code partnercenter.*}): a name not declared here is
 * refused at start-up, so a new setting is one more constant below and nothing else.
 */
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
    public static final String LEADER_ACQUIRE_INTERVAL = "sync.leader.acquire-interval";
    public static final String LEADER_STALE_AFTER = "sync.leader.stale-after";
    public static final String LEADER_ONCE_WAIT = "sync.leader.once-wait";
    /** Read by log4j2.xml as a JVM system property. */
    public static final String LOG_LEVEL = "sync.log.level";

    /** Every constant of this class. */
    public static final List<String> ALL = Arrays.stream(SettingNames.class.getDeclaredFields())
            .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
            .map(SettingNames::value).toList();

    /** The namespaces whose every name must be declared here. */
    public static final List<String> NAMESPACES = List.of("sync.", "partnercenter.");

    private static String value(Field constant) {
        try {
            return (String) constant.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private SettingNames() {
    }
}
