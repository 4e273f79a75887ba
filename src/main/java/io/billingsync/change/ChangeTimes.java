package io.billingsync.change;

import java.time.Instant;
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

    private ChangeTimes() {
    }
}
