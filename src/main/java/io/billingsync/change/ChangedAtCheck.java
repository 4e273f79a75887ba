package io.billingsync.change;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code changedAt}: an RFC 3339 timestamp with its offset, not later than now plus the clock skew allowed
 * ({@code sync.changed-at.clock-skew}). A later one would become the writer of its fields with a time every later
 * change is older than: each of them would be {@code superseded}, never sent, until then.
 */
final class ChangedAtCheck {
    static final String CLOCK_SKEW_SETTING = "sync.changed-at.clock-skew";

    /** Null: not compared with any clock. */
    private final Clock clock;
    private final Duration clockSkew;

    ChangedAtCheck(Clock clock, Duration clockSkew) {
        this.clock = clock;
        this.clockSkew = clockSkew;
    }

    /**
     * @param changedAt the member as given (null when absent)
     * @param parsed    its instant, null when it is not a timestamp with an offset
     * @return what is wrong with it and the fix, or null
     */
    String problem(JsonNode changedAt, Instant parsed) {
        if (changedAt == null || changedAt.isNull()) {
            return null;
        }
        String given = changedAt.isTextual() ? "\"" + ChangeValidator.printable(changedAt.asText()) + "\"" : null;
        if (given != null && parsed == null && ChangeTimes.lacksOffset(changedAt.asText())) {
            return "changedAt must be an RFC 3339 timestamp with its offset: " + given + " has none, so the time zone it"
                    + " was written in is unknown; add it (Z for UTC, or the offset such as +01:00), then replay the change";
        }
        if (given == null || parsed == null) {
            return "changedAt must be an RFC 3339 timestamp with its offset, like 2026-11-24T09:00:00Z or"
                    + " 2026-11-24T10:00:00+01:00, not " + (given != null ? given : ChangeValidator.kind(changedAt));
        }
        Duration ahead = clock == null ? Duration.ZERO : Duration.between(clock.instant(), parsed);
        if (ahead.compareTo(clockSkew) <= 0) {
            return null;
        }
        return "changedAt " + given + " is " + ChangeTimes.roughly(ahead) + " in the future (" + CLOCK_SKEW_SETTING
                + " allows " + (clockSkew.isZero() ? "none" : ChangeTimes.roughly(clockSkew)) + " ahead of this service's"
                + " clock): it would keep every later change of its fields from being sent until then; correct the"
                + " timestamp or leave it out, then replay the change";
    }
}
