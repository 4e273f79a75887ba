package io.billingsync.change;

import io.billingsync.profile.SimulatedProfiles;

/**
 * The body the apply-change route takes: one valid change of a file.
 *
 * @param simulation a dry run's simulated profiles of this file; null in a real run
 */
public record ChangeToApply(String sourceFile, ChangeEntry entry, SimulatedProfiles simulation) {

    public ChangeRequest request() {
        return entry.change();
    }

    public String customerId() {
        return entry.change().customerId();
    }

    public String changeId() {
        return entry.change().changeId();
    }

    public boolean dryRun() {
        return simulation != null;
    }
}
