package io.billingsync.config;

import io.billingsync.partnercenter.DurationSetting;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** How the settings' text is read; each refusal names the setting, the value and the fix. */
final class SettingParsers {
    private SettingParsers() {
    }

    static final Setting.Parser<String> TEXT = (name, value) -> value;
    static final Setting.Parser<Path> PATH = (name, value) -> Path.of(value);

    static final Setting.Parser<Boolean> BOOLEAN = (name, value) -> {
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException(name + "=" + value + " is not a boolean: use true or false");
        }
        return value.equalsIgnoreCase("true");
    };

    static final Setting.Parser<Duration> DURATION = (name, value) -> {
        try {
            return DurationSetting.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    };

    static Setting.Parser<Integer> integer(int min, int max) {
        return (name, value) -> {
            try {
                int parsed = Integer.parseInt(value);
                if (parsed >= min && parsed <= max) {
                    return parsed;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new IllegalArgumentException(name + "=" + value + " is not a whole number from " + min + " to " + max);
        };
    }

    /** A duration that bounds a wait: zero would mean waiting forever, so it is refused. */
    static Setting.Parser<Duration> positiveDuration(String example) {
        return (name, value) -> {
            Duration parsed = DURATION.parse(name, value);
            if (parsed.isZero()) {
                throw new IllegalArgumentException(name + "=" + value
                        + " would wait forever: give a positive duration such as " + example);
            }
            return parsed;
        };
    }

    static Setting.Parser<String> oneOf(String... choices) {
        List<String> allowed = Arrays.asList(choices);
        return (name, value) -> {
            if (!allowed.contains(value)) {
                throw new IllegalArgumentException(name + "=" + value + " is not one of: " + String.join(", ", allowed));
            }
            return value;
        };
    }

    private static final String KUBERNETES_NAME = "[a-z0-9]([-a-z0-9.]*[a-z0-9])?";

    /** A Kubernetes object name (RFC 1123 subdomain): lower case letters, digits, '-' and '.'. */
    static final Setting.Parser<String> KUBERNETES_NAME_TEXT = (name, value) -> {
        if (!value.matches(KUBERNETES_NAME) || value.length() > 200) {
            throw new IllegalArgumentException(name + "=" + value + " is not a Kubernetes name: use lower case letters,"
                    + " digits, '-' and '.', starting and ending with a letter or digit");
        }
        return value;
    };
}
