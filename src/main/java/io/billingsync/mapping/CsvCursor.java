package io.billingsync.mapping;

import io.billingsync.change.ChangeEntry;
import io.billingsync.change.ChangeValidator;
import io.billingsync.change.FileContent;
import io.billingsync.change.LookaheadCursor;
import io.billingsync.change.UnreadableChangeFileException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Streams a CSV export row by row (commons-csv) and makes each data row a change by its mapping: one row in memory at
 * a time. A row's index is its place among the data rows (the header and blank lines not counted), so it is the same
 * in every run. Bytes not valid in the declared charset are decoded as U+FFFD and refuse their row, never passed on.
 */
final class CsvCursor extends LookaheadCursor {
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final Path file;
    private final FileContent content;
    private final CsvLayout layout;
    private final RowLengthGuard guard;
    private final CSVParser parser;
    private final Iterator<CSVRecord> rows;
    private final List<String> header;
    private final MappedChanges changes;
    private long nextLine = 1;
    private int row;

    CsvCursor(Path file, FileContent content, Mapping mapping, long maxRowChars, ChangeValidator validator)
            throws IOException, UnreadableChangeFileException {
        this.file = file;
        this.content = content;
        this.layout = mapping.csv();
        try {
            byte[] head = content.read(0, Math.min(3, content.size()));
            boolean bom = java.util.Arrays.equals(head, UTF8_BOM);
            if (bom && !layout.charset().equals(StandardCharsets.UTF_8)) {
                throw new UnreadableChangeFileException(file.getFileName() + " starts with a UTF-8 byte-order mark, but"
                        + " its mapping " + mapping.name() + " reads it as " + layout.charset().name() + ": set `charset:"
                        + " UTF-8` there, or export the file in " + layout.charset().name(), 1, 1, null);
            }
            InputStream in = content.from(bom ? 3 : 0);
            guard = new RowLengthGuard(new InputStreamReader(in, layout.charset().newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)), maxRowChars);
            parser = CSVFormat.DEFAULT.builder().setDelimiter(layout.delimiter()).setQuote(layout.quote())
                    .setIgnoreEmptyLines(false).setTrim(layout.trim()).setIgnoreSurroundingSpaces(layout.trim())
                    .get().parse(guard);
            rows = parser.iterator();
            header = readHeader();
            changes = new MappedChanges(mapping, CsvHeader.columns(file.getFileName().toString(), mapping, header),
                    validator);
        } catch (IOException | UnreadableChangeFileException | RuntimeException e) {
            content.close();
            throw e;
        }
    }

    private List<String> readHeader() throws UnreadableChangeFileException {
        try {
            while (rows.hasNext()) {
                CSVRecord first = nextRecord();
                if (!blank(first)) {
                    return first.toList().stream().map(String::strip).toList();
                }
            }
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new UnreadableChangeFileException(file.getFileName() + " cannot be read as CSV at its header row: "
                    + e.getMessage() + ". Fix the file and drop it into the inbox again.", (int) nextLine, null, e);
        }
        throw new UnreadableChangeFileException(file.getFileName() + " is empty: a CSV export starts with its header"
                + " row", null, null, null);
    }

    @Override
    protected ChangeEntry readEntry() {
        long line = nextLine;
        CSVRecord record;
        try {
            if (!rows.hasNext()) {
                finish();
                return null;
            }
            record = nextRecord();
        } catch (UncheckedIOException | IllegalStateException e) {
            return theRestIsUnreadable(line, e);
        }
        if (blank(record)) {
            return null;
        }
        row++;
        String position = "row " + row + " (line " + line + ")";
        CsvRow cells = new CsvRow(header, record.toList());
        String problem = cells.size() != header.size() ? "row " + row + " has " + cells.size() + " columns, the header "
                + header.size() + ": a delimiter too many or too few, or a quote not closed?"
                : cells.repeatsHeader() ? "row " + row + " repeats the header row: two exports joined into one file?"
                + " Remove it" : cells.notText(layout.charset().name());
        return problem != null ? MappedChanges.unmappable(row - 1, position, problem, cells.source())
                : changes.entry(row - 1, position, cells);
    }

    private CSVRecord nextRecord() {
        CSVRecord record = rows.next();
        guard.rowAt(record.getCharacterPosition());
        nextLine = parser.getCurrentLineNumber() + 1;
        return record;
    }

    /** After a parse failure nothing further can be told apart: the rest of the file is one unreadable entry. */
    private ChangeEntry theRestIsUnreadable(long line, RuntimeException e) {
        Throwable cause = e.getCause();
        if (!(cause instanceof CSVException || cause instanceof RowLengthGuard.RowTooLongException)) {
            throw e instanceof UncheckedIOException io ? new UncheckedIOException("cannot read " + file.getFileName()
                    + " at line " + line + ": " + io.getMessage() + " (was it changed while being processed?)", io.getCause()) : e;
        }
        finish();
        row++;
        return MappedChanges.unmappable(row - 1, "row " + row + " (line " + line + ")", "row " + row + " and"
                + " everything after it cannot be read as CSV: " + cause.getMessage() + ". Fix the file from line " + line
                + " on and send those rows again", null);
    }

    private static boolean blank(CSVRecord record) {
        return record.size() == 1 && record.get(0).isBlank();
    }

    @Override
    public void close() {
        try {
            parser.close();
            content.close();
        } catch (IOException ignored) {
            // read-only: nothing to lose
        }
    }
}
