package io.billingsync.profile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The full profile after a change was merged in, and the dotted paths (server casing) whose value changed.
 */
public record MergeResult(ObjectNode merged, List<String> changedPaths) {

    /** The change leaves the profile as it is: nothing to send. */
    public boolean unchanged() {
        return changedPaths.isEmpty();
    }
}
