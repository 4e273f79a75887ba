package io.billingsync.records;

/**
 * How a change ended, and, when it is dead-lettered, why: the batch writes the dead letter (under a name noted in
 * the file's journal) before the outcome is journaled.
 */
public record SettledChange(ChangeOutcome outcome, FailureRecord failure) {
}
