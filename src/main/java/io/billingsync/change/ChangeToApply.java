package io.billingsync.change;

import io.billingsync.profile.SimulatedProfiles;

/**
 * The body the apply-change route takes: one valid change of a file.
 *
 * @param simulation a dry run's simulated profiles of this file; null in a real run
 * @param order      the change's place in the order, set by the history's screen (null with the history off)
 */
public record ChangeToApply(String sourceFile, ChangeEntry entry, SimulatedProfiles simulation, ChangeOrder order) {

    public ChangeToApply(String sourceFile, ChangeEntry entry, SimulatedProfiles simulation) {
        this(sourceFile, entry, simulation, null);
    }

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
