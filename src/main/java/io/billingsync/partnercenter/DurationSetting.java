package io.billingsync.partnercenter;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations in settings such as {@code sync.retry.max-duration}: ISO-8601 ({@code PT15M}, {@code P1D}) or short forms. */
public final class DurationSetting {

    private static final String ACCEPTED =
            "accepted: ISO-8601 such as PT15M or P1D, or a number with a unit: 500ms, 30s, 15m, 2h, 1d (also 1h30m)";
    private static final Pattern SHORT = Pattern.compile("(?:\\d+(?:ms|s|m|h|d))+");
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private DurationSetting() {
    }

    /** @throws IllegalArgumentException naming the bad value and the accepted forms */
    public static Duration parse(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a duration is required (" + ACCEPTED + ")");
        }
        String v = value.strip().toLowerCase(Locale.ROOT);
        try {
            Duration d = v.startsWith("p") ? Duration.parse(v.toUpperCase(Locale.ROOT)) : parseShort(v);
            if (d == null || d.isNegative()) {
                throw new IllegalArgumentException(invalid(value));
            }
            return d;
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException(invalid(value), e);
        }
    }

    private static Duration parseShort(String v) {
        if (!SHORT.matcher(v).matches()) {
            return null;
        }
        Duration total = Duration.ZERO;
        Matcher m = PART.matcher(v);
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
        }
        return total;
    }

    private static String invalid(String value) {
        return "'" + MessageText.clip(value, 60) + "' is not a duration (" + ACCEPTED + ")";
    }
}
