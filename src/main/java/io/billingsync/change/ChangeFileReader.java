package io.billingsync.change;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.Locale;

/**
 * Reads a change file: one JSON object, a JSON array of objects, or — for {@code .ndjson}/{@code .jsonl} — one
 * object per line. Both are streamed, one line or array element in memory at a time. One bad item never costs its
 * neighbours; a JSON document that is broken as a whole cannot be trusted anywhere and is unreadable: its syntax is
 * checked from end to end before its first element is used.
 */
public final class ChangeFileReader {
    /** The most bytes one NDJSON line or one element of a JSON document may have. */
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
        try {
            if (isLineDelimited(file)) {
                InputStream lines = new FilterInputStream(content.from(0)) {
                    @Override
                    public void close() throws IOException {
                        content.close();
                    }
                };
                return new NdjsonCursor(file, lines, this::parseLine, maxLineBytes);
            }
            BitSet tooLong = checkDocument(file, content);
            return new DocumentCursor(file, content, json, (parser, index, position, raw) -> tooLong.get(index)
                    ? skipTooLong(parser, index, position) : element(parser, index, position, raw));
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

    /**
     * Checks a whole document before any of it is used (its size, shape and syntax), with a streaming parser that
     * skips over values without building them: a document broken anywhere is unreadable, nothing of it applied.
     * Returns the indexes of the elements longer than {@code maxLineBytes}, which are never built.
     */
    private BitSet checkDocument(Path file, FileContent content) throws IOException, UnreadableChangeFileException {
        String name = file.getFileName().toString();
        long size = content.size();
        if (size > maxDocumentBytes) {
            throw new UnreadableChangeFileException(name + " is " + size + " bytes, more than the " + maxDocumentBytes
                    + " a JSON document may have: split it, or write it as NDJSON (one change per line, .ndjson)",
                    null, null, null);
        }
        try (InputStream in = content.from(0)) {
            byte[] head = in.readNBytes(3);
            int bom = Bom.length(head, head.length);
            try (InputStream rest = new SequenceInputStream(new ByteArrayInputStream(head, bom, head.length - bom), in);
                 JsonParser parser = json.createParser(rest)) {
                try {
                    return checkShape(name, parser);
                } catch (JsonProcessingException e) {
                    throw unreadable(name, locationOf(e, parser), "malformed JSON: " + e.getOriginalMessage(), e);
                }
            }
        }
    }

    private BitSet checkShape(String name, JsonParser parser) throws IOException, UnreadableChangeFileException {
        JsonToken first = parser.nextToken();
        if (first == null) {
            throw new UnreadableChangeFileException(name + " is empty: it must hold a change request object or an"
                    + " array of them", null, null, null);
        }
        BitSet tooLong = new BitSet();
        if (first == JsonToken.START_ARRAY) {
            JsonToken token = parser.nextToken();
            for (int index = 0; token != JsonToken.END_ARRAY; index++) {
                long from = parser.currentTokenLocation().getByteOffset();
                boolean string = token == JsonToken.VALUE_STRING;
                long length = skipElement(parser);
                token = parser.nextToken();
                if (string) { // a string is skipped, unread, only on the way to the next token
                    length = parser.currentTokenLocation().getByteOffset() - from;
                }
                tooLong.set(index, length > maxLineBytes);
            }
        } else if (first == JsonToken.START_OBJECT) {
            tooLong.set(0, skipElement(parser) > maxLineBytes);
        } else {
            throw unreadable(name, parser.currentTokenLocation(), "the document must be a change request object "
                    + "or an array of them, not " + describe(first), null);
        }
        JsonToken trailing = parser.nextToken();
        if (trailing != null) {
            throw unreadable(name, parser.currentTokenLocation(), "unexpected content after the end of the document"
                    + " (several objects? wrap them in [ ] or use NDJSON)", null);
        }
        return tooLong;
    }

    /**
     * Passes over the object or array the parser is on without building it; returns its length in bytes. (A string
     * token is passed over, unread, only by the next {@code nextToken}: its length is known there.)
     */
    private static long skipElement(JsonParser parser) throws IOException {
        long from = parser.currentTokenLocation().getByteOffset();
        parser.skipChildren();
        return parser.currentLocation().getByteOffset() - from;
    }

    private ChangeEntry skipTooLong(JsonParser parser, int index, String position) throws IOException {
        skipElement(parser);
        return ChangeEntry.invalid(index, position, new byte[0], position + " is longer than " + maxLineBytes
                + " bytes: a change request is far smaller; check the file");
    }

    /** One element of a document, read into a tree and validated; its exact bytes kept for the dead-letter folder. */
    private ChangeEntry element(JsonParser parser, int index, String position, DocumentCursor.RawBytes bytes)
            throws IOException {
        long from = parser.currentTokenLocation().getByteOffset();
        JsonValueReader.Result read = values.read(parser);
        byte[] raw = bytes.between(from, parser.currentLocation().getByteOffset());
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
