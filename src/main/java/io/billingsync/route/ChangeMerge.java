package io.billingsync.route;

import io.billingsync.profile.ProfileMerger;
import org.apache.camel.Exchange;

/** Merges the change onto the profile just read (each round merges the original change onto a fresh read). */
public final class ChangeMerge {
    private final ProfileMerger merger;

    public ChangeMerge(ProfileMerger merger) {
        this.merger = merger;
    }

    public void merge(Exchange exchange) {
        ChangeInFlight change = ChangeRoutes.change(exchange);
        change.merged(merger.merge(change.current().profile(), change.entry().change().changes()));
    }
}
