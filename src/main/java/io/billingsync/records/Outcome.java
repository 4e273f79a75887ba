package io.billingsync.records;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How a change ended. WOULD_APPLY only appears in dry runs, where nothing is sent. */
public enum Outcome {
    APPLIED("applied"), UNCHANGED("unchanged"), DEAD_LETTERED("dead-lettered"), WOULD_APPLY("would-apply"),
    /** Every field of the change was set since by a newer change: nothing sent (docs/RECORDS.md). */
    SUPERSEDED("superseded"),
    /** A change with this changeId was settled before, within the retention window: nothing sent. */
    DUPLICATE("duplicate");

    private final String wireName;

    Outcome(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static Outcome fromWireName(String name) {
        for (Outcome o : values()) {
            if (o.wireName.equals(name)) {
                return o;
            }
        }
        throw new IllegalArgumentException("unknown outcome " + name);
    }
}
