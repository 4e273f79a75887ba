package io.billingsync.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** Reads settings of the {@link SettingsTable} from resolved properties, collecting every problem to report them at once. */
final class SettingsReader {
    private final Properties properties;
    private final List<String> problems = new ArrayList<>();

    SettingsReader(Properties properties) {
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

    /** The text as the user wrote it, trimmed; null when unset or blank. */
    String text(String name) {
        String value = properties.getProperty(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** The setting's value, its default when unset (or when the value is refused, which is reported). */
    <T> T get(Setting<T> setting) {
        String value = text(setting.name());
        if (value == null) {
            return setting.defaultParsed();
        }
        try {
            return setting.parser().parse(setting.name(), value);
        } catch (IllegalArgumentException e) {
            problem(e.getMessage());
            return setting.defaultParsed();
        }
    }

    <T> T required(Setting<T> setting, String fix) {
        if (text(setting.name()) == null) {
            problem(setting.name() + " is not set: " + fix);
        }
        return get(setting);
    }

    /** {@code name=value} as the user wrote it, or {@code name (value, the default)}. */
    String described(Setting<?> setting) {
        String value = text(setting.name());
        return value != null ? setting.name() + "=" + value : setting.name() + " (" + setting.defaultValue() + ", the default)";
    }

    boolean positive(Setting<Duration> setting, Duration value) {
        if (value.isZero()) {
            problem(described(setting) + " must be longer than zero");
            return false;
        }
        return true;
    }

    boolean atMost(Setting<Duration> setting, Duration value, Duration limit, String why) {
        if (value.compareTo(limit) > 0) {
            problem(described(setting) + " is too long: " + why);
            return false;
        }
        return true;
    }

    /** A timeout in milliseconds passed on to the HTTP client, where 0 means waiting forever. */
    void positiveMillis(String name) {
        String value = text(name);
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
}
