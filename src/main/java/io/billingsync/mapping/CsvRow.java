package io.billingsync.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One data row of a CSV export with its header's column names. */
final class CsvRow implements SourceRecord {
    /** A cell kept in an error record is cut to this many characters. */
    static final int KEPT_CHARS = 1000;

    private final List<String> header;
    private final List<String> cells;

    CsvRow(List<String> header, List<String> cells) {
        this.header = header;
        this.cells = cells;
    }

    @Override
    public String cell(int column) {
        return cells.get(column);
    }

    @Override
    public Object forExpressions() {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < Math.min(header.size(), cells.size()); i++) {
            if (!cells.get(i).isEmpty()) {
                row.putIfAbsent(header.get(i), cells.get(i));
            }
        }
        return row;
    }

    /** Column name to cell; a cell without a column, or under a name given before, as {@code column N}. */
    @Override
    public JsonNode source() {
        ObjectNode row = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < cells.size(); i++) {
            String name = i < header.size() && !row.has(header.get(i)) ? header.get(i) : "column " + (i + 1);
            String cell = cells.get(i);
            row.put(name, cell.length() <= KEPT_CHARS ? cell
                    : cell.substring(0, KEPT_CHARS) + "... (" + cell.length() + " characters in all)");
        }
        return row;
    }

    /** Where the first cell that is not text is, and why; null when every cell is text. */
    String notText(String charset) {
        for (int i = 0; i < cells.size(); i++) {
            String problem = TextCheck.problem(cells.get(i), charset);
            if (problem != null) {
                return "column " + (i < header.size() ? "\"" + header.get(i) + "\"" : String.valueOf(i + 1)) + " " + problem;
            }
        }
        return null;
    }

    int size() {
        return cells.size();
    }

    boolean repeatsHeader() {
        for (int i = 0; i < cells.size(); i++) {
            if (!cells.get(i).replace("\uFEFF", "").strip().equals(header.get(i))) {
                return false;
            }
        }
        return cells.size() == header.size();
    }
}
