package io.billingsync.change;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** {@code changedAt}: an RFC 3339 timestamp, which always carries its offset ({@code Z} or {@code +01:00}). */
public final class ChangeTimes {

    /** The instant, or null when the text is not an RFC 3339 date-time with an offset. */
    public static Instant parse(String text) {
        try {
            return OffsetDateTime.parse(text.replace(' ', 'T'), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Whether the text is a date and time of day without an offset ({@code 2026-11-24T09:00:00}). */
    static boolean lacksOffset(String text) {
        try {
            LocalDateTime.parse(text.replace(' ', 'T'), DateTimeFormatter.ISO_LOCAL_DATE_TIME);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /**
     * How far ahead, in the unit people would say it in, rounded: "26690 days", "6 hours", "12 minutes". The same
     * text for a dry run and the real run shortly after it.
     */
    public static String roughly(Duration ahead) {
        long minutes = Math.max(1, Math.round(ahead.getSeconds() / 60.0));
        if (minutes >= 2 * 24 * 60) {
            return Math.round(minutes / (24 * 60.0)) + " days";
        }
        if (minutes >= 2 * 60) {
            return Math.round(minutes / 60.0) + " hours";
        }
        return minutes + (minutes == 1 ? " minute" : " minutes");
    }

    private ChangeTimes() {
    }
}
