package io.billingsync.change;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A change's place in the order the service took changes in, as its result record shows it: its sequence, its
 * {@code changedAt} when it has one, the fields a newer change had set (dropped from it), and for a duplicate the
 * file that settled the first change with its id.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ChangeOrder(long sequence, String changedAt, List<SupersededField> superseded, String firstSettledIn) {

    /** A journal line read back leaves out an empty list. */
    public ChangeOrder {
        superseded = superseded == null ? List.of() : superseded;
    }

    /** A field dropped from a change: the newer change that had set it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SupersededField(String field, long bySequence, String byChangedAt, String byChangeId, String bySource) {
    }
}
