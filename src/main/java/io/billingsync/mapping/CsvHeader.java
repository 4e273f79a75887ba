package io.billingsync.mapping;

import io.billingsync.change.UnreadableChangeFileException;
import java.util.ArrayList;
import java.util.List;

/**
 * The header row of a CSV export against its mapping: each column the mapping reads must be there, once. A header
 * that lacks one cannot be mapped at all, so the whole file is dead-lettered with the reason.
 */
final class CsvHeader {
    private CsvHeader() {
    }

    /** Per rule of the mapping, its column's index in the header (-1 for an expression). */
    static int[] columns(String fileName, Mapping mapping, List<String> header) throws UnreadableChangeFileException {
        int[] columns = new int[mapping.fields().size()];
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < columns.length; i++) {
            FieldRule rule = mapping.fields().get(i);
            columns[i] = rule.column() == null ? -1 : header.indexOf(rule.column());
            if (rule.column() == null) {
                continue;
            }
            if (columns[i] < 0) {
                problems.add("no column \"" + rule.column() + "\" (read for " + rule.target() + ", " + mapping.name()
                        + " line " + rule.line() + ")");
            } else if (header.lastIndexOf(rule.column()) != columns[i]) {
                problems.add("column \"" + rule.column() + "\" twice (columns " + (columns[i] + 1) + " and "
                        + (header.lastIndexOf(rule.column()) + 1) + "): which one " + rule.target() + " is read from"
                        + " cannot be told; rename one");
            }
        }
        if (!problems.isEmpty()) {
            String charsetHint = header.stream().anyMatch(h -> h.indexOf('\uFFFD') >= 0) ? " The header holds bytes"
                    + " that are not valid " + mapping.csv().charset().name() + ": is that the file's charset?" : "";
            throw new UnreadableChangeFileException(fileName + " cannot be mapped: its header has " + String.join(", ",
                    problems) + ". Its columns: " + String.join(", ", header) + "." + charsetHint + " Fix the export or"
                    + " the mapping and drop the file into the inbox again.", 1, null, null);
        }
        return columns;
    }
}
