package io.billingsync.batch;

import io.billingsync.records.ChangeOutcome;
import io.billingsync.records.FailureRecord;

/**
 * How a change ended, and, when it is dead-lettered, why: the batch writes the dead letter (under a name noted in
 * the file's journal) before the outcome is journaled.
 */
public record SettledChange(ChangeOutcome outcome, FailureRecord failure) {
}
