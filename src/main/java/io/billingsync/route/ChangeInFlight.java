package io.billingsync.route;

import io.billingsync.change.ChangeEntry;
import io.billingsync.partnercenter.CurrentProfile;
import io.billingsync.profile.MergeResult;
import io.billingsync.records.ChangeOutcome;
import io.billingsync.records.FailureRecord;
import java.time.Instant;

/**
 * What one change carries through the routes: the request, what was read and merged, the ids used, and
 * finally its outcome. Kept as one exchange property so each step reads and writes one object.
 */
public final class ChangeInFlight {
    public static final String PROPERTY = "changeInFlight";

    private final String sourceFile;
    private final ChangeEntry entry;
    private final String correlationId;
    private final SimulatedProfiles simulation;
    private int rounds;
    private int conflicts;
    private int transientFailures;
    private Instant firstTransientFailure;
    private boolean tokenRefreshed;
    private CurrentProfile current;
    private String etagBefore;
    private String etagAfter;
    private MergeResult merge;
    private String lastRequestId;
    private long sentAtNanos;
    private UnansweredPut unansweredPut;
    private ChangeOutcome outcome;
    private FailureRecord failure;
    private RuntimeException halt;

    /** A PUT that got no response: re-sending the same PUT keeps its MS-RequestId. */
    public record UnansweredPut(String etag, int bodyHash, String requestId) {
    }

    /** @param simulation the dry run's simulated profiles; null in a real run */
    public ChangeInFlight(String sourceFile, ChangeEntry entry, String correlationId, SimulatedProfiles simulation) {
        this.sourceFile = sourceFile;
        this.entry = entry;
        this.correlationId = correlationId;
        this.simulation = simulation;
    }

    public String sourceFile() { return sourceFile; }
    public ChangeEntry entry() { return entry; }
    public String customerId() { return entry.change().customerId(); }
    public String changeId() { return entry.change().changeId(); }
    public String correlationId() { return correlationId; }
    public boolean dryRun() { return simulation != null; }
    public SimulatedProfiles simulation() { return simulation; }

    public int startRound() { return ++rounds; }
    public int rounds() { return rounds; }
    public int recordConflict() { return ++conflicts; }
    public int conflicts() { return conflicts; }

    public int recordTransientFailure(Instant now) {
        if (firstTransientFailure == null) {
            firstTransientFailure = now;
        }
        return ++transientFailures;
    }

    public Instant firstTransientFailure() { return firstTransientFailure; }
    public boolean tokenRefreshed() { return tokenRefreshed; }
    public void markTokenRefreshed() { tokenRefreshed = true; }

    public void read(CurrentProfile profile) {
        current = profile;
        etagBefore = profile.etag();
    }

    public CurrentProfile current() { return current; }
    public String etagBefore() { return etagBefore; }
    public String etagAfter() { return etagAfter; }
    public void written(String etag) { etagAfter = etag; }

    public void merged(MergeResult result) { merge = result; }
    public MergeResult merge() { return merge; }

    /** Read by the route's choice: the merge left the profile as it is. */
    public boolean isUnchanged() { return merge != null && merge.unchanged(); }

    public String lastRequestId() { return lastRequestId; }
    public void sent(String requestId) {
        lastRequestId = requestId;
        sentAtNanos = System.nanoTime();
    }

    public long sentAtNanos() { return sentAtNanos; }
    public UnansweredPut unansweredPut() { return unansweredPut; }
    public void awaitingPutResponse(UnansweredPut put) { unansweredPut = put; }
    public void responseReceived() { unansweredPut = null; }

    public ChangeOutcome outcome() { return outcome; }
    public void settle(ChangeOutcome result) { outcome = result; }

    /** Why the change goes to the dead-letter folder; null unless it was dead-lettered. */
    public FailureRecord failure() { return failure; }
    public void deadLettered(ChangeOutcome result, FailureRecord reason) {
        outcome = result;
        failure = reason;
    }

    /** Processing must stop (e.g. credentials refused): the change is left for a later run, not dead-lettered. */
    public RuntimeException halt() { return halt; }
    public void halt(RuntimeException reason) { halt = reason; }
}
