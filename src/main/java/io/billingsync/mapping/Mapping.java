package io.billingsync.mapping;

import java.nio.file.Path;
import java.util.List;

/**
 * One input mapping, read from its file ({@link MappingFile}): how the rows of a CSV export or the records of an
 * ERP's JSON become change requests.
 *
 * @param csv     the CSV export's layout; null for JSON
 * @param records JSON only: the keys leading from the document's top object to the array of records (none: the
 *                document is the array, or one record; an NDJSON file has one record per line)
 */
public record Mapping(Path file, Format format, CsvLayout csv, List<String> records, List<FieldRule> fields) {

    public enum Format { CSV, JSON }

    /** The mapping file as the settings name it. */
    public String name() {
        return file.toString();
    }
}
