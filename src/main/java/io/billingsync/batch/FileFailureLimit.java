package io.billingsync.batch;

import io.billingsync.failure.FailureCategory;
import io.billingsync.records.FailureRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bounds what an unexpected failure while processing one file can cost: the file is given up (moved whole to the
 * dead-letter folder) at once when it exhausted the memory or the stack, since it would do that again, and after
 * {@value #MAX_ATTEMPTS} failures in a row otherwise, instead of being retried on every poll for ever. Failures
 * are counted per file version (name, size, modification time): a corrected file starts afresh.
 */
final class FileFailureLimit {
    static final int MAX_ATTEMPTS = 3;

    private final Map<String, Integer> failures = new ConcurrentHashMap<>();

    /** Records a failure of {@code file}; whether to give the file up now. */
    boolean giveUp(Path file, Throwable failure) {
        if (exhaustsTheJvm(failure)) {
            failures.remove(version(file));
            return true;
        }
        int attempts = failures.merge(version(file), 1, Integer::sum);
        if (attempts >= MAX_ATTEMPTS) {
            failures.remove(version(file));
            return true;
        }
        return false;
    }

    /** The file was processed: its earlier failures no longer count. */
    void succeeded(Path file) {
        failures.remove(version(file));
    }

    /** The dead-letter record of a file given up. */
    FailureRecord describe(String name, Throwable failure, Instant now) {
        String message;
        FailureCategory category;
        if (failure instanceof OutOfMemoryError) {
            category = FailureCategory.INVALID;
            message = name + " needs more memory than the service has (" + failure + ") and was not processed. Split it"
                    + " into smaller files or write it as NDJSON (one change per line, .ndjson), then drop it into the"
                    + " inbox again.";
        } else if (failure instanceof StackOverflowError) {
            category = FailureCategory.INVALID;
            message = name + " is nested too deeply to be processed (" + failure + "). Flatten it, then drop it into"
                    + " the inbox again.";
        } else {
            category = FailureCategory.REJECTED;
            message = name + " failed " + MAX_ATTEMPTS + " times in a row with an unexpected error and was given up: "
                    + failure + ". Changes already settled are in the log; fix the cause, then run `replay " + name
                    + "` (settled changes are then found unchanged).";
        }
        return new FailureRecord(category, message, null, null, 0, null, null, now, name, null, null, null, null);
    }

    private static boolean exhaustsTheJvm(Throwable failure) {
        return failure instanceof OutOfMemoryError || failure instanceof StackOverflowError;
    }

    private static String version(Path file) {
        try {
            return file + "|" + Files.size(file) + "|" + Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return file.toString();
        }
    }
}
