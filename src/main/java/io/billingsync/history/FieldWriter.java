package io.billingsync.history;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * What the history keeps per customer and field path: the change that last set the field (applied, or found
 * already in that state): its sequence, its {@code changedAt} if it had one, its id and where it came from.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldWriter(long sequence, String changedAt, String changeId, String source) {

    /**
     * Whether this writer is newer than a change at {@code sequence} with {@code changedAt}: by {@code changedAt}
     * when both have one (the sequence breaks a tie), else by sequence.
     */
    boolean newerThan(long otherSequence, Instant otherChangedAt) {
        if (changedAt != null && otherChangedAt != null) {
            int byTime = Instant.parse(changedAt).compareTo(otherChangedAt);
            if (byTime != 0) {
                return byTime > 0;
            }
        }
        return sequence > otherSequence;
    }
}
