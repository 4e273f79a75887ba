package io.billingsync.route;

import io.billingsync.change.ChangeToApply;
import io.billingsync.partnercenter.CurrentProfile;
import io.billingsync.profile.MergeResult;

/**
 * What the merge step produces: the change, the profile it was merged onto, and the merge result; after a PUT,
 * also the ETag Partner Center gave the update (null when its answer carried none).
 */
public record MergedChange(ChangeToApply change, CurrentProfile current, MergeResult result, String etagAfter) {

    /** Read by the route's choice: the merge leaves the profile as it is, nothing to send. */
    public boolean unchanged() {
        return result.unchanged();
    }

    /** Read by the PUT route for the resource path. */
    public String customerId() {
        return change.customerId();
    }

    MergedChange stored(String etag) {
        return new MergedChange(change, current, result, etag);
    }
}
