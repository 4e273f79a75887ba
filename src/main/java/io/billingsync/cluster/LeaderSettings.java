package io.billingsync.cluster;

import io.billingsync.config.InvalidSettingsException;
import io.billingsync.config.SettingsTable;
import io.billingsync.partnercenter.DurationSetting;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The leader lock's timing: how often each instance tries the lock (and the leader renews its heartbeat), how long
 * a silent leader keeps it, and how long {@code --once} waits for it.
 */
public record LeaderSettings(Duration acquireInterval, Duration staleAfter, Duration onceWait) {
    private static final String LEADER_ACQUIRE_INTERVAL = SettingsTable.LEADER_ACQUIRE_INTERVAL.name();
    private static final String LEADER_STALE_AFTER = SettingsTable.LEADER_STALE_AFTER.name();
    private static final String LEADER_ONCE_WAIT = SettingsTable.LEADER_ONCE_WAIT.name();

    public static LeaderSettings from(Properties properties) {
        List<String> problems = new ArrayList<>();
        Duration interval = duration(properties, LEADER_ACQUIRE_INTERVAL, "1s", problems);
        Duration stale = duration(properties, LEADER_STALE_AFTER, "3s", problems);
        Duration onceWait = duration(properties, LEADER_ONCE_WAIT, "30s", problems);
        if (problems.isEmpty()) {
            if (interval.toMillis() < 100) {
                problems.add(LEADER_ACQUIRE_INTERVAL + "=" + written(interval) + " is too short: use at least 100ms");
            } else if (stale.compareTo(interval) < 0) {
                problems.add(LEADER_STALE_AFTER + " (" + written(stale) + ") is shorter than " + LEADER_ACQUIRE_INTERVAL + " ("
                        + written(interval) + "): a leader renews its heartbeat once per interval, so make it at least as long");
            } else if (onceWait.compareTo(stale.plus(interval.multipliedBy(2))) < 0) {
                problems.add(LEADER_ONCE_WAIT + " (" + written(onceWait) + ") is too short: a lock left by a killed run is "
                        + "taken over after " + LEADER_STALE_AFTER + " plus up to two " + LEADER_ACQUIRE_INTERVAL
                        + ", so make it at least " + written(stale.plus(interval.multipliedBy(2))));
            }
        }
        if (!problems.isEmpty()) {
            throw InvalidSettingsException.of(problems);
        }
        return new LeaderSettings(interval, stale, onceWait);
    }

    /** Camel's staleness is counted in acquire intervals. */
    public int heartbeatTimeoutMultiplier() {
        return (int) Math.max(1, (staleAfter.toMillis() + acquireInterval.toMillis() - 1) / acquireInterval.toMillis());
    }

    private static String written(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }

    private static Duration duration(Properties properties, String name, String fallback, List<String> problems) {
        String value = properties.getProperty(name);
        value = value == null || value.isBlank() ? fallback : value.trim();
        try {
            Duration parsed = DurationSetting.parse(value);
            if (!parsed.isZero()) {
                return parsed;
            }
            problems.add(name + "=" + value + " must be longer than zero");
        } catch (IllegalArgumentException e) {
            problems.add(name + ": " + e.getMessage());
        }
        return DurationSetting.parse(fallback);
    }
}
