package io.billingsync.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billingsync.records.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Readies a dead letter for {@code replay}. A dead letter keeps the change as it was given and its error record the
 * change's sequence: the sequence is written into the change, so it runs again in its original place, not as a
 * new change. With {@code --force} the change is marked {@code "force": true} instead: applied as given.
 */
public final class ReplayPreparation {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ERROR_SUFFIX = ".error.json";

    public static void prepare(Path deadLetter, boolean force) {
        if (!Files.isRegularFile(deadLetter)) {
            return; // the replay itself names what is not there
        }
        try {
            JsonNode change = readOrNull(deadLetter);
            if (!(change instanceof ObjectNode object)) {
                if (force) {
                    throw new IllegalArgumentException(deadLetter + " is not one change object: --force applies to"
                            + " single dead-lettered changes; replay it without --force");
                }
                return; // an invalid change is replayed as it is, after its fix
            }
            if (force) {
                object.put("force", true);
            } else {
                Long sequence = sequenceOf(deadLetter.resolveSibling(deadLetter.getFileName() + ERROR_SUFFIX));
                if (sequence == null || object.has("sequence")) {
                    return;
                }
                object.put("sequence", sequence);
            }
            AtomicFiles.write(deadLetter, JSON.writeValueAsBytes(object));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot ready " + deadLetter + " for replay: " + e.getMessage(), e);
        }
    }

    private static Long sequenceOf(Path errorRecord) {
        JsonNode record = Files.isRegularFile(errorRecord) ? readOrNull(errorRecord) : null;
        JsonNode sequence = record == null ? null : record.get("sequence");
        return sequence != null && sequence.canConvertToLong() ? sequence.asLong() : null;
    }

    private static JsonNode readOrNull(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            return null;
        }
    }

    private ReplayPreparation() {
    }
}
