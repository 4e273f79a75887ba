package io.billingsync.route;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billingsync.change.ChangeToApply;
import io.billingsync.change.ChangeWrite;
import io.billingsync.partnercenter.CurrentProfile;
import io.billingsync.profile.MergeResult;
import io.billingsync.profile.ProfileMerger;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Body;
import org.apache.camel.Exchange;

/**
 * Merges the write's changes onto the profile just read, one change at a time in input order, each onto the
 * result of the ones before it (each round merges the original changes onto a fresh read); in a dry run onto what
 * the customer's earlier changes would have written.
 */
public final class ChangeMerge {
    private final ProfileMerger merger;

    public ChangeMerge(ProfileMerger merger) {
        this.merger = merger;
    }

    /** Body: the current profile; becomes the merge result. */
    public MergedChange merge(@Body CurrentProfile current, Exchange exchange) {
        ChangeWrite write = ChangeAttempt.of(exchange).write();
        ObjectNode read = current.profile();
        ObjectNode running = write.dryRun() ? write.simulation().profile(write.customerId(), read) : read;
        List<MergeResult> results = new ArrayList<>();
        for (ChangeToApply change : write.changes()) {
            MergeResult result = merger.merge(running, change.request().changes());
            results.add(result);
            running = result.merged();
        }
        return new MergedChange(write, current, results, null);
    }

    /** Read by the route's choice: no change of the write alters the profile, nothing to send. */
    public boolean unchanged(@Body MergedChange merged) {
        return merged.unchanged();
    }
}
