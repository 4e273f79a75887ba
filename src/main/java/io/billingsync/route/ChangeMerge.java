package io.billingsync.route;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billingsync.profile.ProfileMerger;
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

    public void merge(Exchange exchange) {
        ChangeInFlight change = ChangeRoutes.change(exchange);
        ObjectNode read = change.current().profile();
        ObjectNode base = change.dryRun() ? change.simulation().profile(change.customerId(), read) : read;
        change.merged(merger.merge(base, change.entry().change().changes()));
    }
}
