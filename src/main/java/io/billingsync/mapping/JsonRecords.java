package io.billingsync.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.billingsync.change.ChangeEntry;
import io.billingsync.change.ChangeValidator;
import io.billingsync.change.RecordMapper;
import java.nio.charset.StandardCharsets;

/** The records of an ERP's JSON or NDJSON file, each made a change by its mapping's JSONata expressions. */
final class JsonRecords implements RecordMapper {
    private final MappedChanges changes;

    JsonRecords(Mapping mapping, ChangeValidator validator) {
        this.changes = new MappedChanges(mapping, new int[mapping.fields().size()], validator);
    }

    @Override
    public String itemName() {
        return "record";
    }

    @Override
    public ChangeEntry entry(int index, String position, JsonNode record, byte[] raw) {
        return changes.entry(index, position, new JsonRecord(record));
    }

    /** The record's text, as far as it was kept, goes to its error record. */
    @Override
    public ChangeEntry unusable(int index, String position, byte[] raw, String problem) {
        String text = new String(raw, 0, Math.min(raw.length, CsvRow.KEPT_CHARS * 4), StandardCharsets.UTF_8);
        return MappedChanges.unmappable(index, position, problem, raw.length == 0 ? null : TextNode.valueOf(text));
    }
}
