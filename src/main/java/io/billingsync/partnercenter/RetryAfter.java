package io.billingsync.partnercenter;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code Retry-After} header (RFC 9110 §10.2.3): delta-seconds or an HTTP-date. */
public final class RetryAfter {

    /** Longer waits are cut to this: a wrong or hostile header must not park work for days. */
    public static final Duration MAX = Duration.ofHours(1);

    private static final Pattern SECONDS = Pattern.compile("[+-]?\\d{1,18}");
    private static final Pattern TRY_AGAIN_IN =
            Pattern.compile("(?i)try\\s+again\\s+in\\s+(\\d{1,9})\\s*(?:seconds?|secs?|s)\\b");

    private RetryAfter() {
    }

    /**
     * How long to wait: delta-seconds or an IMF-fixdate; negative or past values give zero, values above
     * {@link #MAX} give {@code MAX}; anything unreadable gives empty.
     */
    public static Optional<Duration> parse(String headerValue, Clock clock) {
        if (headerValue == null || headerValue.isBlank()) {
            return Optional.empty();
        }
        String v = headerValue.strip();
        if (SECONDS.matcher(v).matches()) {
            return Optional.of(bounded(Duration.ofSeconds(Long.parseLong(v))));
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Optional.of(bounded(Duration.between(clock.instant(), at)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The wait announced in a message such as "Rate limit is exceeded. Try again in 57 seconds." */
    public static Optional<Duration> fromMessage(String message) {
        if (message == null) {
            return Optional.empty();
        }
        Matcher m = TRY_AGAIN_IN.matcher(message);
        return m.find() ? Optional.of(bounded(Duration.ofSeconds(Long.parseLong(m.group(1))))) : Optional.empty();
    }

    private static Duration bounded(Duration d) {
        if (d.isNegative()) {
            return Duration.ZERO;
        }
        return d.compareTo(MAX) > 0 ? MAX : d;
    }
}
