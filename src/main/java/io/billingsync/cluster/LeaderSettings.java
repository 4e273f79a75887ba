package io.billingsync.cluster;

import static io.billingsync.config.SettingsTable.KUBERNETES_LEASE_DURATION;
import static io.billingsync.config.SettingsTable.KUBERNETES_RENEW_DEADLINE;
import static io.billingsync.config.SettingsTable.KUBERNETES_RETRY_PERIOD;
import static io.billingsync.config.SettingsTable.LEADER_ACQUIRE_INTERVAL;
import static io.billingsync.config.SettingsTable.LEADER_ONCE_WAIT;
import static io.billingsync.config.SettingsTable.LEADER_STALE_AFTER;

import io.billingsync.config.InvalidSettingsException;
import io.billingsync.config.SyncSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The leader election's timing, read from the settings and checked together. File lock: how often each instance
 * tries the lock (and the leader renews its heartbeat), how long a silent leader keeps it. Kubernetes Lease: how
 * long a new leader waits, how long a leader goes without renewing, how often both look. And how long
 * {@code --once} waits for the leadership.
 */
public record LeaderSettings(Duration acquireInterval, Duration staleAfter, Duration onceWait, Duration leaseDuration,
                             Duration renewDeadline, Duration retryPeriod) {
    /** Camel's Kubernetes election spreads each instance's retry period by up to this factor. */
    static final double JITTER_FACTOR = 1.2;

    public static LeaderSettings from(SyncSettings settings) {
        LeaderSettings timing = new LeaderSettings(settings.value(LEADER_ACQUIRE_INTERVAL), settings.value(LEADER_STALE_AFTER),
                settings.value(LEADER_ONCE_WAIT), settings.value(KUBERNETES_LEASE_DURATION),
                settings.value(KUBERNETES_RENEW_DEADLINE), settings.value(KUBERNETES_RETRY_PERIOD));
        List<String> problems = new ArrayList<>();
        timing.checkFileLock(problems);
        timing.checkLease(problems);
        if (!problems.isEmpty()) {
            throw InvalidSettingsException.of(problems);
        }
        return timing;
    }

    private void checkFileLock(List<String> problems) {
        String interval = LEADER_ACQUIRE_INTERVAL.name();
        String stale = LEADER_STALE_AFTER.name();
        if (acquireInterval.toMillis() < 100) {
            problems.add(interval + "=" + written(acquireInterval) + " is too short: use at least 100ms");
        } else if (staleAfter.compareTo(acquireInterval) < 0) {
            problems.add(stale + " (" + written(staleAfter) + ") is shorter than " + interval + " ("
                    + written(acquireInterval) + "): a leader renews its heartbeat once per interval, so make it at least as long");
        } else if (onceWait.compareTo(staleAfter.plus(acquireInterval.multipliedBy(2))) < 0) {
            problems.add(LEADER_ONCE_WAIT.name() + " (" + written(onceWait) + ") is too short: a lock left by a killed run is "
                    + "taken over after " + stale + " plus up to two " + interval + ", so make it at least "
                    + written(staleAfter.plus(acquireInterval.multipliedBy(2))));
        }
    }

    /** Camel's own rules for the Lease, in the words of our settings. */
    private void checkLease(List<String> problems) {
        String lease = KUBERNETES_LEASE_DURATION.name();
        String renew = KUBERNETES_RENEW_DEADLINE.name();
        if (leaseDuration.compareTo(Duration.ofSeconds(1)) < 0) {
            problems.add(lease + "=" + written(leaseDuration) + " is too short: a Lease counts whole seconds, use at least 1s");
        } else if (renewDeadline.compareTo(leaseDuration) >= 0) {
            problems.add(renew + " (" + written(renewDeadline) + ") is not shorter than " + lease + " ("
                    + written(leaseDuration) + "): a leader cut off from the API server must stop before another starts");
        } else if (renewDeadline.toMillis() <= JITTER_FACTOR * retryPeriod.toMillis()) {
            problems.add(renew + " (" + written(renewDeadline) + ") is too short for " + KUBERNETES_RETRY_PERIOD.name() + " ("
                    + written(retryPeriod) + "): make it longer than " + JITTER_FACTOR + " retry periods, so the leader"
                    + " can renew before it");
        }
    }

    /** Camel's staleness is counted in acquire intervals. */
    public int heartbeatTimeoutMultiplier() {
        return (int) Math.max(1, (staleAfter.toMillis() + acquireInterval.toMillis() - 1) / acquireInterval.toMillis());
    }

    private static String written(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }
}
