package io.billingsync.config;

import static io.billingsync.config.ListSettingParsers.*;
import static io.billingsync.config.SettingParsers.*;
import static io.billingsync.config.UrlSettingParsers.*;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Every setting of the service's namespaces ({@code sync.*}, {@code partnercenter.*}), each declared once: the names
 * accepted at start-up, the defaults and the settings table of docs/CONFIGURATION.md all come from here
 * (SettingsTableTest keeps {@code config/application.properties} and that page in step with it).
 */
public final class SettingsTable {
    static final String BASE_URL_FIX = "set it to your Partner Center endpoint (e.g. https://api.partnercenter.microsoft.com)"
            + " in config/application.properties, as -Dpartnercenter.base-url=... or as PARTNERCENTER_BASE_URL, or run"
            + " with --sandbox to use the embedded sandbox";

    public static final Setting<URI> BASE_URL = new Setting<>("partnercenter.base-url", null, endpoint(BASE_URL_FIX),
            "Partner Center endpoint; https (plain http only for loopback)");
    public static final Setting<String> TOKEN = new Setting<>("partnercenter.token", null, TEXT,
            "a static bearer token (set it in the environment)");
    public static final Setting<URI> TOKEN_URL = new Setting<>("partnercenter.auth.token-url", null,
            endpoint("set the tenant's token endpoint"),
            "App + User refresh-token grant ([AUTHENTICATION.md](AUTHENTICATION.md)): the tenant's token endpoint");
    public static final Setting<String> CLIENT_ID = new Setting<>("partnercenter.auth.client-id", null, TEXT,
            "the application (client) id registered in Azure AD");
    public static final Setting<String> CLIENT_SECRET = new Setting<>("partnercenter.auth.client-secret", null, TEXT,
            "its client secret (set it in the environment)");
    public static final Setting<Path> REFRESH_TOKEN_FILE = new Setting<>("partnercenter.auth.refresh-token-file", null,
            PATH, "the file holding the refresh token, rewritten on every rotation");
    public static final Setting<String> REFRESH_TOKEN = new Setting<>("partnercenter.auth.refresh-token", null, TEXT,
            "the refresh token itself instead of the file (set it in the environment; a rotation is not kept)");
    public static final Setting<String> APPLICATION = new Setting<>("partnercenter.application", "billing-profile-sync",
            TEXT, "sent as `MS-PartnerCenter-Application`");
    public static final Setting<String> LOCALE = new Setting<>("partnercenter.locale", "en-US", TEXT, "sent as `X-Locale`");
    public static final Setting<Duration> REQUEST_TIMEOUT = new Setting<>("partnercenter.request-timeout", "60s",
            positiveDuration("60s"), "overall deadline of one request, from sending it to the last byte of the answer");
    public static final Setting<Path> INBOX = new Setting<>("sync.inbox", "inbox", PATH,
            "folder change files arrive in (relative to the working directory)");
    public static final Setting<Path> DONE = new Setting<>("sync.done", "done", PATH,
            "folder of processed files and their result records");
    public static final Setting<Path> DEAD_LETTER = new Setting<>("sync.dead-letter", "dead-letter", PATH,
            "folder of changes that could not be applied");
    public static final Setting<Path> WORK = new Setting<>("sync.work", "work", PATH, "folder of the journals of files in progress");
    public static final Setting<Boolean> HISTORY = new Setting<>("sync.history", "true", BOOLEAN,
            "remember per customer field the change that last set it, and settled change ids (`<sync.work>/history.mv.db`,"
                    + " [RECORDS.md](RECORDS.md#history)): older data is never written over newer");
    public static final Setting<Duration> HISTORY_RETENTION = new Setting<>("sync.history.retention", "90d",
            positiveDuration("90d"), "how long a settled change id is remembered: the same id within it is a `duplicate`");
    public static final Setting<Duration> CHANGED_AT_CLOCK_SKEW = new Setting<>("sync.changed-at.clock-skew", "5m",
            DURATION, "how far a change's `changedAt` may be ahead of this service's clock (the source system's running"
                    + " fast): a later one is dead-lettered `invalid` and never enters the history"
                    + " ([CHANGE-FILES.md](CHANGE-FILES.md#one-change-request))");
    public static final Setting<Map<String, Path>> MAPPINGS = new Setting<>("sync.mappings", null, MAPPINGS_LIST,
            "input mappings, `pattern=file` separated by commas: an inbox file whose name matches a pattern (a glob,"
                    + " the first that matches) is read through that mapping file ([MAPPINGS.md](MAPPINGS.md)); any other"
                    + " file as change requests");
    public static final Setting<Duration> QUIET_PERIOD = new Setting<>("sync.inbox.quiet-period", "1s", DURATION,
            "a file is read after this long unmodified");
    public static final Setting<Duration> POLL_INTERVAL = new Setting<>("sync.inbox.poll-interval", "1s", DURATION,
            "polling interval");
    public static final Setting<Duration> INBOX_MAX_BACKOFF = new Setting<>("sync.inbox.max-backoff", "5m", DURATION,
            "longest wait between attempts at a file that cannot be completed (the first wait is the polling interval,"
                    + " doubled after each failure)");
    public static final Setting<String> CLUSTER = new Setting<>("sync.cluster", "file", oneOf("file", "kubernetes"),
            "how the instances elect the one that writes: `file` (a lock in `<sync.work>/.leader`) or `kubernetes` (a Lease)");
    public static final Setting<Duration> LEADER_ACQUIRE_INTERVAL = new Setting<>("sync.leader.acquire-interval", "1s",
            positiveDuration("1s"), "how often the leader lock is tried and the leader's heartbeat renewed");
    public static final Setting<Duration> LEADER_STALE_AFTER = new Setting<>("sync.leader.stale-after", "3s", positiveDuration("3s"),
            "how old the leader's heartbeat may get before a standby takes over");
    public static final Setting<Duration> LEADER_ONCE_WAIT = new Setting<>("sync.leader.once-wait", "30s", positiveDuration("30s"),
            "how long --once waits for the leader lock before exiting 5");
    public static final Setting<String> KUBERNETES_NAMESPACE = new Setting<>("sync.cluster.kubernetes.namespace", null,
            KUBERNETES_NAME_TEXT, "namespace of the Lease and the Pods (empty: `POD_NAMESPACE`, else the Pod's own)");
    public static final Setting<String> KUBERNETES_POD_NAME = new Setting<>("sync.cluster.kubernetes.pod-name", null,
            TEXT, "this instance's Pod (empty: `POD_NAME`, else `HOSTNAME`)");
    public static final Setting<Map<String, String>> KUBERNETES_POD_LABELS = new Setting<>(
            "sync.cluster.kubernetes.pod-labels", "app=billing-profile-sync", LABELS,
            "labels of the Pods taking part: a leader leads only while its Pod is among them, running and ready");
    public static final Setting<String> KUBERNETES_LEASE_PREFIX = new Setting<>("sync.cluster.kubernetes.lease-prefix",
            "leader", KUBERNETES_NAME_TEXT, "the Lease is named `<prefix>-billing-profile-sync`");
    public static final Setting<URI> KUBERNETES_MASTER_URL = new Setting<>("sync.cluster.kubernetes.master-url", null,
            SERVER_URL, "Kubernetes API server (empty: the Pod's in-cluster configuration)");
    public static final Setting<Duration> KUBERNETES_LEASE_DURATION = new Setting<>(
            "sync.cluster.kubernetes.lease-duration", "8s", positiveDuration("8s"),
            "a new leader waits this long after taking the Lease from another Pod before it processes");
    public static final Setting<Duration> KUBERNETES_RENEW_DEADLINE = new Setting<>(
            "sync.cluster.kubernetes.renew-deadline", "6s", positiveDuration("6s"),
            "a leader that could not renew its Lease for this long stops processing (shorter than the lease duration)");
    public static final Setting<Duration> KUBERNETES_RETRY_PERIOD = new Setting<>("sync.cluster.kubernetes.retry-period",
            "1s", positiveDuration("1s"), "how often each instance reads the Lease and the Pods, and the leader renews");
    public static final Setting<Integer> CONCURRENCY = new Setting<>("sync.concurrency", "4", integer(1, 256),
            "customers in flight at once");
    public static final Setting<Integer> MAX_REQUESTS_PER_SECOND = new Setting<>("sync.max-requests-per-second", "0",
            integer(0, 100_000), "most Partner Center requests a second across all customers in flight (0: no cap)");
    public static final Setting<Integer> COALESCE_MAX_CHANGES = new Setting<>("sync.coalesce.max-changes", "8",
            integer(1, 64), "most changes of one customer read once, merged in input order and written in one PUT"
                    + " (1: every change is its own write)");
    public static final Setting<Boolean> COUNTRY_RULES = new Setting<>("sync.country-rules", "true", BOOLEAN,
            "check the address a change sets against its country's rules (Partner Center's, read once and kept in"
                    + " `<sync.work>/country-rules/`) before the PUT: a violation is dead-lettered `invalid`, no PUT sent"
                    + " ([FAILURE-RULES.md](FAILURE-RULES.md#addresses))");
    public static final Setting<Duration> COUNTRY_RULES_MAX_AGE = new Setting<>("sync.country-rules.max-age", "1d",
            positiveDuration("1d"), "how long a country's rules are kept before they are read again");
    public static final Setting<Boolean> ADDRESS_VALIDATION = new Setting<>("sync.address-validation", "false", BOOLEAN,
            "ask Partner Center's address validation about the address a change sets, before the PUT: its status and"
                    + " suggested addresses go into the change's result record; it holds no change back but those below");
    public static final Setting<Set<String>> ADDRESS_VALIDATION_DEAD_LETTER = new Setting<>(
            "sync.address-validation.dead-letter-statuses", null, WORDS,
            "statuses of the address validation that dead-letter the change `invalid`, no PUT sent (e.g."
                    + " `None,NotValidated`; empty: none does)");
    public static final Setting<Integer> CONFLICT_MAX_ATTEMPTS = new Setting<>("sync.conflict.max-attempts", "5",
            integer(1, 100), "GET-merge-PUT rounds before a conflicting change is dead-lettered");
    public static final Setting<Duration> CONFLICT_BACKOFF = new Setting<>("sync.conflict.backoff", "200ms", DURATION,
            "first delay between conflict rounds");
    public static final Setting<Duration> RETRY_MAX_DURATION = new Setting<>("sync.retry.max-duration", "24h", DURATION,
            "how long transient failures are retried before a change is dead-lettered");
    public static final Setting<Duration> RETRY_INITIAL_BACKOFF = new Setting<>("sync.retry.initial-backoff", "1s",
            DURATION, "first wait between retries");
    public static final Setting<Duration> RETRY_MAX_BACKOFF = new Setting<>("sync.retry.max-backoff", "60s", DURATION,
            "longest wait between retries");
    public static final Setting<Path> DESIRED_STATE_FILE = new Setting<>("sync.desired-state.file", null, PATH,
            "the timer trigger's change-request file (empty: the timer is off)");
    public static final Setting<Duration> DESIRED_STATE_PERIOD = new Setting<>("sync.desired-state.period", "15m",
            DURATION, "how often the timer applies it");
    public static final Setting<Duration> DESIRED_STATE_DRIFT_CHECK_INTERVAL = new Setting<>(
            "sync.desired-state.drift-check-interval", "24h", DURATION, "every customer of the desired state is read"
                    + " again at least this often, a share at each tick, so a change made in Partner Center meanwhile"
                    + " is corrected; otherwise a customer whose entry is unchanged since it was found in that state"
                    + " is not read (`0s`: every customer at every tick;"
                    + " [HOW-IT-WORKS.md](HOW-IT-WORKS.md#the-desired-state-file))");
    public static final Setting<Duration> PROGRESS_INTERVAL = new Setting<>("sync.progress-interval", "10s", DURATION,
            "progress line for long files");
    public static final Setting<Duration> STATUS_REFRESH_INTERVAL = new Setting<>("sync.status.refresh-interval", "10s",
            positiveDuration("10s"), "how often the inbox and the dead-letter folder are counted for the gauges and"
                    + " `/observe/status` ([MONITORING.md](MONITORING.md))");
    public static final Setting<Boolean> TRACING = new Setting<>("sync.tracing.enabled", "false", BOOLEAN,
            "a trace span per file, per write and per Partner Center call, exported as the `OTEL_*` environment says"
                    + " ([MONITORING.md](MONITORING.md#tracing))");
    public static final Setting<Boolean> DRY_RUN = new Setting<>("sync.dry-run", "false", BOOLEAN, "as `--dry-run`");
    public static final Setting<Boolean> ONCE = new Setting<>("sync.once", "false", BOOLEAN, "as `--once`");
    /** Read by log4j2.xml as a JVM system property. */
    public static final Setting<String> LOG_LEVEL = new Setting<>("sync.log.level", "INFO", TEXT,
            "level of the service's own log lines (`WARN` keeps only problems)");

    /** Every setting above, and the SFTP source's ({@link SftpSettingsTable}). */
    public static final List<Setting<?>> ALL = Stream.of(SettingsTable.class, SftpSettingsTable.class)
            .flatMap(table -> Arrays.stream(table.getDeclaredFields()))
            .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == Setting.class)
            .<Setting<?>>map(SettingsTable::value).toList();

    /** Their names: a name of the namespaces below that is not among them is refused at start-up. */
    public static final List<String> NAMES = ALL.stream().map(Setting::name).toList();

    /** Secrets taken only from the environment: a file or a command line can be read by others. */
    public static final List<Setting<String>> ENVIRONMENT_ONLY = List.of(SftpSettingsTable.SFTP_PASSWORD,
            SftpSettingsTable.SFTP_PRIVATE_KEY_PASSPHRASE);

    /** The namespaces whose every name must be declared here. */
    public static final List<String> NAMESPACES = List.of("sync.", "partnercenter.");

    /** camel-http's own timeouts (milliseconds), checked at start-up: 0 would mean "wait forever". */
    public static final List<String> HTTP_TIMEOUTS = List.of("camel.component.http.connect-timeout",
            "camel.component.http.connection-request-timeout", "camel.component.http.response-timeout",
            "camel.component.http.so-timeout");

    private static Setting<?> value(Field constant) {
        try {
            return (Setting<?>) constant.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private SettingsTable() {
    }
}
