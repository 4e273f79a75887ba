package io.billingsync.records;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * One dead letter as an operator lists it: its name, its error record's category, ids, time, attempts and message.
 * {@code category} is the word written in the record ({@code unknown} when there is no readable error record).
 */
public record DeadLetterEntry(String name, String category, String customerId, String changeId, Instant time,
                              String sourceFile, Integer index, int attempts, Integer httpStatus, String message) {
    public static final String UNKNOWN = "unknown";

    /** Reads the dead letter {@code name} of {@code dir}: its error record, else only the file's time. */
    public static DeadLetterEntry read(Path dir, String name) {
        Path change = dir.resolve(name);
        Path record = DeadLetterFolder.errorFile(change);
        try {
            if (Files.isRegularFile(record, LinkOption.NOFOLLOW_LINKS)) {
                JsonNode json = RecordJson.MAPPER.readTree(record.toFile());
                return new DeadLetterEntry(name, json.path("category").asText(UNKNOWN), text(json, "customerId"),
                        text(json, "changeId"), time(json.path("time").asText(null), record), text(json, "sourceFile"),
                        json.hasNonNull("index") ? json.get("index").asInt() : null, json.path("attempts").asInt(0),
                        json.hasNonNull("httpStatus") ? json.get("httpStatus").asInt() : null, text(json, "message"));
            }
        } catch (IOException unreadable) {
            // listed as unknown below: the operator sees it and can open it
        }
        return new DeadLetterEntry(name, UNKNOWN, null, null, modified(change), null, null, 0, null, null);
    }

    private static String text(JsonNode json, String field) {
        return json.hasNonNull(field) ? json.get(field).asText() : null;
    }

    private static Instant time(String written, Path record) {
        try {
            return written == null ? modified(record) : Instant.parse(written);
        } catch (DateTimeParseException e) {
            return modified(record);
        }
    }

    private static Instant modified(Path file) {
        try {
            return Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant();
        } catch (IOException e) {
            return null;
        }
    }
}
