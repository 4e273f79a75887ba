package io.billingsync.mapping;

import com.fasterxml.jackson.databind.JsonNode;

/** One row of a CSV export or one record of an ERP's JSON, as a mapping's rules read it. */
interface SourceRecord {

    /** The text of a CSV row's cell (its column's index in the header). */
    String cell(int column);

    /** What JSONata expressions read: a CSV row as an object of column name to text (empty cells left out), a JSON record as it is. */
    Object forExpressions();

    /** The row or record as its error record keeps it. */
    JsonNode source();
}
