package io.billingsync.route;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billingsync.change.ChangeWrite;
import io.billingsync.partnercenter.CurrentProfile;
import io.billingsync.profile.MergeResult;
import java.util.List;

/**
 * What the merge step produces: the write, the profile it was merged onto, and one merge result per change of the
 * write (each change merged onto the result of the changes before it, in input order); after a PUT, also the ETag
 * Partner Center gave the update (null when its answer carried none).
 */
public record MergedChange(ChangeWrite write, CurrentProfile current, List<MergeResult> results, String etagAfter) {

    public MergedChange {
        results = List.copyOf(results);
    }

    /** No change of the write alters the profile: nothing to send. */
    public boolean unchanged() {
        return results.stream().allMatch(MergeResult::unchanged);
    }

    /** The profile to write: every change of the write merged in. */
    public ObjectNode merged() {
        return results.get(results.size() - 1).merged();
    }

    MergedChange stored(String etag) {
        return new MergedChange(write, current, results, etag);
    }
}
