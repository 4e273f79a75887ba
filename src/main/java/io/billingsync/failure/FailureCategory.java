package io.billingsync.failure;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Why a change was dead-lettered (docs/RECORDS.md). */
public enum FailureCategory {
    INVALID("invalid"), NOT_FOUND("not-found"), FORBIDDEN("forbidden"), CONFLICT("conflict"),
    REJECTED("rejected"), UNAVAILABLE("unavailable"),
    /** Its changeId came before with other content (docs/RECORDS.md#history): never sent under that id. */
    REUSED_ID("reused-id");

    private final String wireName;

    FailureCategory(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static FailureCategory fromWireName(String name) {
        for (FailureCategory c : values()) {
            if (c.wireName.equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown failure category " + name);
    }
}
