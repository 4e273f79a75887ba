package io.billingsync.records;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.billingsync.change.ChangeEntry;
import io.billingsync.change.UnreadableChangeFileException;
import io.billingsync.failure.FailureCategory;
import java.time.Instant;

/** The {@code <name>.error.json} beside a dead-lettered change: why, with what Partner Center said, and the ids. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FailureRecord(
        FailureCategory category,
        String message,
        Integer httpStatus,
        JsonNode serverError,
        int attempts,
        String requestId,
        String correlationId,
        @JsonSerialize(using = ToStringSerializer.class) Instant time,
        String sourceFile,
        Integer index,
        String position,
        String changeId,
        String customerId,
        Long sequence,
        JsonNode source) {

    public FailureRecord(FailureCategory category, String message, Integer httpStatus, JsonNode serverError,
                         int attempts, String requestId, String correlationId, Instant time, String sourceFile,
                         Integer index, String position, String changeId, String customerId) {
        this(category, message, httpStatus, serverError, attempts, requestId, correlationId, time, sourceFile, index,
                position, changeId, customerId, null, null);
    }

    /** The same record carrying the change's sequence, so a replayed change keeps its place. */
    public FailureRecord withSequence(Long changeSequence) {
        return new FailureRecord(category, message, httpStatus, serverError, attempts, requestId, correlationId, time,
                sourceFile, index, position, changeId, customerId, changeSequence, source);
    }

    /** The same record carrying the ERP's row or record an input mapping made the change of (null: none). */
    public FailureRecord withSource(JsonNode row) {
        return new FailureRecord(category, message, httpStatus, serverError, attempts, requestId, correlationId, time,
                sourceFile, index, position, changeId, customerId, sequence, row);
    }

    /** A change rejected before any request: what is wrong, where, and the fix. */
    public static FailureRecord invalidChange(String sourceFile, ChangeEntry entry, Instant now) {
        return ofChange(sourceFile, entry, FailureCategory.INVALID, entry.problem(), now);
    }

    /** A change not sent for {@code problem}, a sentence naming the fix; the message says where the change is. */
    public static FailureRecord ofChange(String sourceFile, ChangeEntry entry, FailureCategory category, String problem,
                                         Instant now) {
        return new FailureRecord(category, sourceFile + ", " + entry.position() + ": " + problem, null, null, 0, null,
                null, now, sourceFile, entry.index(), entry.position(), entry.changeId(), entry.customerId());
    }

    /** A file that cannot be read as change requests at all. */
    public static FailureRecord unreadableFile(String sourceFile, UnreadableChangeFileException e, Instant now) {
        String position = e.line() == null ? null : "line " + e.line() + ", column " + e.column();
        return new FailureRecord(FailureCategory.INVALID, e.getMessage(), null, null, 0, null, null, now, sourceFile,
                null, position, null, null);
    }
}
