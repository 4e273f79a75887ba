package io.billingsync.change;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * Reads a change file: one JSON object, a JSON array of objects, or — for {@code .ndjson}/{@code .jsonl} — one
 * object per line. Both are streamed, one line or array element in memory at a time. One bad item never costs its
 * neighbours; a JSON document that is broken as a whole cannot be trusted anywhere and is unreadable: its syntax is
 * checked from end to end ({@link DocumentCheck}) before its first element is used.
 */
public final class ChangeFileReader {
    /** The most bytes one NDJSON line or one element of a JSON document may have. */
    public static final int DEFAULT_MAX_LINE_BYTES = 1 << 20;
    public static final long DEFAULT_MAX_DOCUMENT_BYTES = 64L << 20;

    private final ChangeValidator validator;
    private final int maxLineBytes;
    private final JsonFactory json = new JsonFactory();
    private final JsonValueReader values = new JsonValueReader(JsonValueReader.DEFAULT_MAX_DEPTH);
    private final DocumentCheck documents;
    private final RecordMapper asGiven = asGiven();

    public ChangeFileReader(ChangeValidator validator, int maxLineBytes, long maxDocumentBytes) {
        this.validator = validator;
        this.maxLineBytes = maxLineBytes;
        this.documents = new DocumentCheck(json, maxLineBytes, maxDocumentBytes);
    }

    /** The default limits; {@code changedAt} is not compared with any clock. */
    public static ChangeFileReader withDefaults() {
        return new ChangeFileReader(new ChangeValidator(), DEFAULT_MAX_LINE_BYTES, DEFAULT_MAX_DOCUMENT_BYTES);
    }

    /** The default limits; a {@code changedAt} more than {@code clockSkew} ahead of {@code clock} is invalid. */
    public static ChangeFileReader withClock(Clock clock, Duration clockSkew) {
        return new ChangeFileReader(new ChangeValidator(clock, clockSkew), DEFAULT_MAX_LINE_BYTES, DEFAULT_MAX_DOCUMENT_BYTES);
    }

    /** What every change read is checked with: mapped rows and records are checked with it too. */
    public ChangeValidator validator() {
        return validator;
    }

    public static boolean isLineDelimited(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".ndjson") || name.endsWith(".jsonl");
    }

    public ChangeCursor open(Path file) throws UnreadableChangeFileException {
        try {
            return open(file, FileContent.open(file));
        } catch (IOException e) {
            throw cannotRead(file, e);
        }
    }

    /** The file could not be opened or read at all. */
    public static UnreadableChangeFileException cannotRead(Path file, IOException e) {
        return new UnreadableChangeFileException(file.getFileName() + " cannot be read: " + e.getMessage()
                + ". Check that it is a readable regular file and drop it into the inbox again.", null, null, e);
    }

    /** Reads {@code content} as the change file {@code file} (its name tells the format); the cursor closes it. */
    public ChangeCursor open(Path file, FileContent content) throws UnreadableChangeFileException {
        return open(file, content, List.of(), asGiven);
    }

    /**
     * Reads {@code content} as JSON records of {@code file}, each turned into an entry by {@code records}: one per
     * line of an NDJSON file; else the elements of the array at {@code recordsPath} (keys from the document's top
     * object; none: the document itself is the array, or the one record).
     */
    public ChangeCursor open(Path file, FileContent content, List<String> recordsPath, RecordMapper records)
            throws UnreadableChangeFileException {
        try {
            if (isLineDelimited(file)) {
                InputStream lines = new FilterInputStream(content.from(0)) {
                    @Override
                    public void close() throws IOException {
                        content.close();
                    }
                };
                return new NdjsonCursor(file, lines, (index, lineNumber, line) -> parseLine(index, lineNumber, line, records),
                        maxLineBytes, records);
            }
            BitSet tooLong = documents.check(file, content, recordsPath);
            return new DocumentCursor(file, content, json, recordsPath, records.itemName(),
                    (parser, index, position, raw) -> tooLong.get(index)
                            ? skipTooLong(parser, index, position, records) : element(parser, index, position, raw, records));
        } catch (IOException e) {
            throw cannotRead(file, e);
        }
    }

    ChangeEntry parseLine(int index, int lineNumber, byte[] line, RecordMapper records) {
        String position = "line " + lineNumber;
        try (JsonParser parser = json.createParser(line)) {
            try {
                parser.nextToken();
                JsonValueReader.Result read = values.read(parser);
                if (parser.nextToken() != null) {
                    return records.unusable(index, position, line, "unexpected content after the JSON object at "
                            + position + ", column " + parser.currentTokenLocation().getColumnNr()
                            + ": put one " + ("element".equals(records.itemName()) ? "change request" : records.itemName()) + " per line");
                }
                if (read.problem() != null) {
                    return records.unusable(index, position, line, onLine(read.problem(), lineNumber));
                }
                return records.entry(index, position, read.value(), line);
            } catch (JsonProcessingException e) {
                return records.unusable(index, position, line, "malformed JSON at line " + lineNumber + ", column "
                        + DocumentCheck.locationOf(e, parser).getColumnNr() + ": " + e.getOriginalMessage() + ". Fix the line and replay it.");
            }
        } catch (IOException e) {
            return records.unusable(index, position, line, "cannot read line " + lineNumber + ": " + e.getMessage());
        }
    }

    /** Problems found inside one NDJSON line report "line 1" of the line's own parser: name the file's line. */
    private static String onLine(String problem, int lineNumber) {
        return problem.replaceFirst("line 1, column", "line " + lineNumber + ", column");
    }

    private ChangeEntry skipTooLong(JsonParser parser, int index, String position, RecordMapper records) throws IOException {
        DocumentCheck.skipElement(parser);
        return records.unusable(index, position, new byte[0], position + " is longer than " + maxLineBytes
                + " bytes: a change request is far smaller; check the file");
    }

    /** One element of a document, read into a tree and turned into an entry; its exact bytes kept. */
    private ChangeEntry element(JsonParser parser, int index, String position, DocumentCursor.RawBytes bytes,
                                RecordMapper records) throws IOException {
        long from = parser.currentTokenLocation().getByteOffset();
        JsonValueReader.Result read = values.read(parser);
        byte[] raw = bytes.between(from, parser.currentLocation().getByteOffset());
        if (read.problem() != null) {
            return records.unusable(index, position, raw, read.problem());
        }
        return records.entry(index, position, read.value(), raw);
    }

    /** Change requests as they are given: each checked by the validator, kept as its exact bytes. */
    private RecordMapper asGiven() {
        return new RecordMapper() {
            @Override
            public String itemName() {
                return "element";
            }

            @Override
            public ChangeEntry entry(int index, String position, JsonNode record, byte[] raw) {
                return ChangeEntry.of(index, position, raw, validator.validate(record));
            }

            @Override
            public ChangeEntry unusable(int index, String position, byte[] raw, String problem) {
                return ChangeEntry.invalid(index, position, raw, problem);
            }
        };
    }

    static final class Bom {
        static int length(byte[] bytes) {
            return length(bytes, bytes.length);
        }

        /** Of the first {@code available} bytes of {@code bytes}. */
        static int length(byte[] bytes, int available) {
            return available >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        }

        private Bom() {
        }
    }

}
