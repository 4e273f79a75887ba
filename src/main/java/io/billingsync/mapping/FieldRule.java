package io.billingsync.mapping;

import com.dashjoin.jsonata.Jsonata;

/**
 * How one target of the change request is read from an ERP's row or record: a column of a CSV export, or a
 * JSONata expression over the row or record; and what an empty value means (no change, or clear the field).
 *
 * @param line the line of the mapping file it is written on
 */
record FieldRule(String target, int line, String column, String expressionText, Jsonata expression,
                 boolean clearWhenEmpty) {

    /** Where the value comes from, for messages: {@code column "PLZ"}, or the expression and its line. */
    String describeSource(String mappingName) {
        return column != null ? "column \"" + column + "\""
                : "the expression for " + target + " (" + mappingName + ", line " + line + ")";
    }

    /** Where the target sits in the change request: {@code customerId}, {@code changes.defaultAddress.city}. */
    String requestPath() {
        return Targets.inRequest(target) ? target : "changes." + target;
    }
}
