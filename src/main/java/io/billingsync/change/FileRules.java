package io.billingsync.change;

import io.billingsync.failure.FailureCategory;

/**
 * Checks of a valid change against the file it is in, made in file order so that {@code validate}, a dry run, the
 * real run and a resumed run find the same. A desired-state file describes the state to hold at every tick: a
 * {@code changedAt} in it is invalid. Where change ids are keys (the history on, and not the desired state), an id
 * given earlier in the same file to other content is a reused id, whichever lanes run first.
 */
public final class FileRules {
    /** What is wrong with a change where it is: its dead-letter category and the sentence naming the fix. */
    public record Problem(FailureCategory category, String text) {
    }

    private final String fileName;
    private final boolean desiredState;
    /** Null when change ids are not keys. */
    private final ChangeIdsInFile ids;

    private FileRules(String fileName, boolean desiredState, boolean idsAreKeys) {
        this.fileName = fileName;
        this.desiredState = desiredState;
        this.ids = idsAreKeys && !desiredState ? new ChangeIdsInFile() : null;
    }

    /**
     * @param desiredState the file is the desired-state file ({@code sync.desired-state.file})
     * @param idsAreKeys   the history is on: a change id settled before makes a change a duplicate
     */
    public static FileRules of(String fileName, boolean desiredState, boolean idsAreKeys) {
        return new FileRules(fileName, desiredState, idsAreKeys);
    }

    /** Every entry of the file in turn (to follow its ids); null when nothing is wrong with it here. */
    public Problem check(ChangeEntry entry) {
        if (!entry.valid()) {
            return null;
        }
        ChangeRequest change = entry.change();
        if (desiredState && change.changedAt() != null) {
            return new Problem(FailureCategory.INVALID, "changedAt has no place in the desired-state file"
                    + " (sync.desired-state.file): its changes are applied again at every tick as the newest, and a"
                    + " time would make them lose to any change made later than it; remove it");
        }
        if (ids != null && change.changeId() != null) {
            int earlier = ids.earlierWithOtherContent(change.changeId(), change.digest(), entry.index());
            if (earlier >= 0) {
                return new Problem(FailureCategory.REUSED_ID, "changeId \"" + change.changeId() + "\" was given earlier"
                        + " in this file to other content (" + fileName + " #" + earlier + "): give each change its"
                        + " own changeId; to apply this one anyway, replay its dead letter with `replay --force`");
            }
        }
        return null;
    }
}
