package io.billingsync.failure;

/**
 * A failure no change can get past until an operator acts (credentials refused, a certificate not trusted): it
 * leaves the apply-change route as it is, and processing halts instead of dead-lettering every change.
 */
public interface HaltingFailure {
}
