package io.billingsync.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Changes as an ERP exports them, with the mapping that reads them: a CSV export (`;`, Windows-1252, CRLF, German
 * headers, one row per change and a column per field) and a JSON envelope ({@code {"value": [...]}}, one record per
 * change). The change ids of such a file, for the invariants.
 */
public final class ErpExports {
    public static final Charset CP1252 = Charset.forName("windows-1252");
    static final String CUSTOMER = "Mandanten-ID";
    static final String CHANGE = "Änderungsbeleg";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setDelimiter(';').get();

    private ErpExports() {
    }

    /** The export's bytes: a header, then one row per change, its field's column set, the others empty. */
    public static byte[] csv(List<ExpectedChange> changes) {
        List<String> fields = fields(changes);
        StringBuilder csv = new StringBuilder(CUSTOMER + ";" + CHANGE + ";" + String.join(";", fields) + "\r\n");
        for (ExpectedChange change : changes) {
            csv.append(change.customer()).append(';').append(change.changeId());
            fields.forEach(f -> csv.append(';').append(f.equals(change.field()) ? quoted(change.value()) : ""));
            csv.append("\r\n");
        }
        return csv.toString().getBytes(CP1252);
    }

    /** The mapping of {@link #csv}: each field from the column of its name. */
    public static String csvMapping(List<ExpectedChange> changes) {
        return "format: csv\ncsv:\n  delimiter: \";\"\n  charset: windows-1252\nfields:\n  customerId: " + CUSTOMER
                + "\n  changeId: " + CHANGE + "\n" + fields(changes).stream().map(f -> "  " + f + ": " + f + "\n")
                .collect(Collectors.joining());
    }

    /** A Dynamics-style envelope: {@code {"value": [{"tenant": ..., "ref": ..., "values": {field: value}}]}}. */
    public static String envelope(List<ExpectedChange> changes) {
        ObjectNode document = JSON.createObjectNode().put("@odata.context", "https://erp.example/$metadata#accounts");
        ArrayNode records = document.putArray("value");
        for (ExpectedChange change : changes) {
            ObjectNode record = records.addObject().put("tenant", change.customer()).put("ref", change.changeId());
            record.putObject("values").put(change.field(), change.value());
        }
        return document.toPrettyString();
    }

    /** The mapping of {@link #envelope}: each field a JSONata path into the record's values. */
    public static String envelopeMapping(List<ExpectedChange> changes) {
        return "format: json\nrecords: value\nfields:\n  customerId: tenant\n  changeId: ref\n"
                + fields(changes).stream().map(f -> "  " + f + ": values." + f + "\n").collect(Collectors.joining());
    }

    /** The change ids of an export written here, in its order; null for a file that is not one. */
    static List<String> changeIdsIn(Path file) throws IOException {
        List<String> ids = new ArrayList<>();
        if (file.getFileName().toString().endsWith(".csv")) {
            try (Reader in = Files.newBufferedReader(file, CP1252)) {
                List<CSVRecord> rows = FORMAT.parse(in).getRecords();
                rows.subList(1, rows.size()).forEach(row -> ids.add(row.get(1)));
            }
            return ids;
        }
        JsonNode document = JSON.readTree(file.toFile());
        if (!document.has("value")) {
            return null;
        }
        document.path("value").forEach(record -> ids.add(record.path("ref").asText()));
        return ids;
    }

    private static List<String> fields(List<ExpectedChange> changes) {
        return changes.stream().map(ExpectedChange::field).distinct().toList();
    }

    private static String quoted(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }
}
