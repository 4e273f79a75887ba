package io.billingsync.records;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
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
        String customerId) {
}
