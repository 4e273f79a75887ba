package io.billingsync.route;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billingsync.change.ChangeToApply;
import io.billingsync.partnercenter.CurrentProfile;
import io.billingsync.profile.ProfileMerger;
import org.apache.camel.Body;
import org.apache.camel.Exchange;

/**
 * Merges the change onto the profile just read (each round merges the original change onto a fresh read); in a
 * dry run onto what the customer's earlier changes would have written.
 */
public final class ChangeMerge {
    private final ProfileMerger merger;

    public ChangeMerge(ProfileMerger merger) {
        this.merger = merger;
    }

    /** Body: the current profile; becomes the merge result. */
    public MergedChange merge(@Body CurrentProfile current, Exchange exchange) {
        ChangeToApply change = ChangeAttempt.of(exchange).change();
        ObjectNode read = current.profile();
        ObjectNode base = change.dryRun() ? change.simulation().profile(change.customerId(), read) : read;
        return new MergedChange(change, current, merger.merge(base, change.request().changes()), null);
    }
}
