package io.billingsync.change;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads a change file: one JSON object, a JSON array of objects, or — for {@code .ndjson}/{@code .jsonl} — one
 * object per line, streamed so a file's size is bounded by disk, not memory. One bad item never costs its
 * neighbours; a JSON document that is broken as a whole cannot be trusted anywhere and is unreadable.
 */
public final class ChangeFileReader {
    public static final int DEFAULT_MAX_LINE_BYTES = 1 << 20;
    public static final long DEFAULT_MAX_DOCUMENT_BYTES = 64L << 20;

    private final ChangeValidator validator;
    private final int maxLineBytes;
    private final long maxDocumentBytes;
    private final JsonFactory json = new JsonFactory();
    private final JsonValueReader values = new JsonValueReader(JsonValueReader.DEFAULT_MAX_DEPTH);

    public ChangeFileReader(ChangeValidator validator, int maxLineBytes, long maxDocumentBytes) {
        this.validator = validator;
        this.maxLineBytes = maxLineBytes;
        this.maxDocumentBytes = maxDocumentBytes;
    }

    public static ChangeFileReader withDefaults() {
        return new ChangeFileReader(new ChangeValidator(), DEFAULT_MAX_LINE_BYTES, DEFAULT_MAX_DOCUMENT_BYTES);
    }

    public static boolean isLineDelimited(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".ndjson") || name.endsWith(".jsonl");
    }

    public ChangeCursor open(Path file) throws UnreadableChangeFileException {
        try {
            return open(file, Files.newInputStream(file), Files.size(file));
        } catch (IOException e) {
            throw cannotRead(file, e);
        }
    }

    /** The file could not be opened or read at all. */
    public static UnreadableChangeFileException cannotRead(Path file, IOException e) {
        return new UnreadableChangeFileException(file.getFileName() + " cannot be read: " + e.getMessage()
                + ". Check that it is a readable regular file and drop it into the inbox again.", null, null, e);
    }

    /** Reads {@code content}, {@code size} bytes, as the change file {@code file} (its name tells the format). */
    public ChangeCursor open(Path file, InputStream content, long size) throws UnreadableChangeFileException {
        try {
            return isLineDelimited(file)
                    ? new NdjsonCursor(file, content, this::parseLine, maxLineBytes)
                    : new ListCursor(parseDocument(file, content, size));
        } catch (IOException e) {
            throw cannotRead(file, e);
        }
    }

    ChangeEntry parseLine(int index, int lineNumber, byte[] line) {
        String position = "line " + lineNumber;
        try (JsonParser parser = json.createParser(line)) {
            try {
                parser.nextToken();
                JsonValueReader.Result read = values.read(parser);
                if (parser.nextToken() != null) {
                    return ChangeEntry.invalid(index, position, line, "unexpected content after the JSON object at "
                            + position + ", column " + parser.currentTokenLocation().getColumnNr()
                            + ": put one change request per line");
                }
                if (read.problem() != null) {
                    return ChangeEntry.invalid(index, position, line, onLine(read.problem(), lineNumber));
                }
                return ChangeEntry.of(index, position, line, validator.validate(read.value()));
            } catch (JsonProcessingException e) {
                return ChangeEntry.invalid(index, position, line, "malformed JSON at line " + lineNumber + ", column "
                        + locationOf(e, parser).getColumnNr() + ": " + e.getOriginalMessage() + ". Fix the line and replay it.");
            }
        } catch (IOException e) {
            return ChangeEntry.invalid(index, position, line, "cannot read line " + lineNumber + ": " + e.getMessage());
        }
    }

    /** Where a parse failed: limit violations (nesting, number or string length) carry no location of their own. */
    private static JsonLocation locationOf(JsonProcessingException e, JsonParser parser) {
        return e.getLocation() != null ? e.getLocation() : parser.currentLocation();
    }

    /** Problems found inside one NDJSON line report "line 1" of the line's own parser: name the file's line. */
    private static String onLine(String problem, int lineNumber) {
        return problem.replaceFirst("line 1, column", "line " + lineNumber + ", column");
    }

    private List<ChangeEntry> parseDocument(Path file, InputStream content, long size)
            throws IOException, UnreadableChangeFileException {
        String name = file.getFileName().toString();
        byte[] bytes;
        try (content) {
            if (size > maxDocumentBytes) {
                throw new UnreadableChangeFileException(name + " is " + size + " bytes, more than the " + maxDocumentBytes
                        + " a JSON document may have: split it, or write it as NDJSON (one change per line, .ndjson)",
                        null, null, null);
            }
            bytes = content.readAllBytes();
        }
        int start = Bom.length(bytes);
        List<ChangeEntry> entries = new ArrayList<>();
        try (JsonParser parser = json.createParser(bytes, start, bytes.length - start)) {
            try {
                readDocument(name, parser, bytes, start, entries);
            } catch (JsonProcessingException e) {
                throw unreadable(name, locationOf(e, parser), "malformed JSON: " + e.getOriginalMessage(), e);
            }
        }
        return entries;
    }

    private void readDocument(String name, JsonParser parser, byte[] bytes, int start, List<ChangeEntry> entries)
            throws IOException, UnreadableChangeFileException {
        JsonToken first = parser.nextToken();
        if (first == null) {
            throw new UnreadableChangeFileException(name + " is empty: it must hold a change request object or an"
                    + " array of them", null, null, null);
        }
        if (first == JsonToken.START_OBJECT) {
            entries.add(element(parser, bytes, start, 0, JsonValueReader.where(parser.currentTokenLocation())));
        } else if (first == JsonToken.START_ARRAY) {
            int index = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                JsonLocation at = parser.currentTokenLocation();
                entries.add(element(parser, bytes, start, index,
                        "element " + index + " (" + JsonValueReader.where(at) + ")"));
                index++;
            }
        } else {
            throw unreadable(name, parser.currentTokenLocation(), "the document must be a change request object "
                    + "or an array of them, not " + describe(first), null);
        }
        JsonToken trailing = parser.nextToken();
        if (trailing != null) {
            throw unreadable(name, parser.currentTokenLocation(), "unexpected content after the end of the document"
                    + " (several objects? wrap them in [ ] or use NDJSON)", null);
        }
    }

    private ChangeEntry element(JsonParser parser, byte[] bytes, int start, int index, String position) throws IOException {
        long from = parser.currentTokenLocation().getByteOffset() + start;
        JsonValueReader.Result read = values.read(parser);
        long to = parser.currentLocation().getByteOffset() + start;
        byte[] raw = Arrays.copyOfRange(bytes, (int) from, (int) to);
        if (read.problem() != null) {
            return ChangeEntry.invalid(index, position, raw, read.problem());
        }
        return ChangeEntry.of(index, position, raw, validator.validate(read.value()));
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            default -> token.asString();
        };
    }

    private static UnreadableChangeFileException unreadable(String name, JsonLocation at, String what, Throwable cause) {
        Integer line = at == null ? null : at.getLineNr();
        Integer column = at == null ? null : at.getColumnNr();
        return new UnreadableChangeFileException(name + " cannot be read as change requests" + (at == null ? "" : " at line "
                + line + ", column " + column) + ": " + what + ". Fix the file and drop it into the inbox again.",
                line, column, cause);
    }

    /** The entries of a document parsed whole. */
    private static final class ListCursor implements ChangeCursor {
        private final List<ChangeEntry> entries;
        private int next;

        ListCursor(List<ChangeEntry> entries) {
            this.entries = entries;
        }

        @Override
        public boolean hasNext() {
            return next < entries.size();
        }

        @Override
        public ChangeEntry next() {
            return entries.get(next++);
        }

        @Override
        public void close() {
        }
    }

    static final class Bom {
        static int length(byte[] bytes) {
            return bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        }

        private Bom() {
        }
    }

}
