package io.billingsync.change;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One valid change request: whose profile, the source system's reference, and the merge patch; optionally when the
 * source system made it ({@code changedAt}) and the place the service gave it before it was dead-lettered
 * ({@code sequence}, kept when it is replayed); {@code force} ({@code replay --force}) applies it as given.
 *
 * @param digest what its {@code changeId} stands for ({@link ChangeDigest}): the content as given, kept when fields
 *               are dropped from it; null without a {@code changeId}
 */
public record ChangeRequest(String customerId, String changeId, ObjectNode changes, Instant changedAt, Long sequence,
                            boolean force, String digest) {

    public ChangeRequest(String customerId, String changeId, ObjectNode changes, Instant changedAt, Long sequence,
                         boolean force) {
        this(customerId, changeId, changes, changedAt, sequence, force,
                changeId == null ? null : ChangeDigest.of(customerId, changes, changedAt));
    }

    public ChangeRequest(String customerId, String changeId, ObjectNode changes) {
        this(customerId, changeId, changes, null, null, false);
    }

    /** The same change with only these fields left to set. */
    public ChangeRequest withChanges(ObjectNode remaining) {
        return new ChangeRequest(customerId, changeId, remaining, changedAt, sequence, force, digest);
    }
}
