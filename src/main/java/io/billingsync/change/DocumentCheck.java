package io.billingsync.change;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Path;
import java.util.BitSet;

/**
 * Checks a JSON change document as a whole before any of it is used: a document broken anywhere cannot be trusted
 * anywhere, so it is unreadable and nothing of it is applied.
 */
final class DocumentCheck {
    private final JsonFactory json;
    private final int maxLineBytes;
    private final long maxDocumentBytes;

    DocumentCheck(JsonFactory json, int maxLineBytes, long maxDocumentBytes) {
        this.json = json;
        this.maxLineBytes = maxLineBytes;
        this.maxDocumentBytes = maxDocumentBytes;
    }

    /**
     * Checks a whole document before any of it is used (its size, shape and syntax), with a streaming parser that
     * skips over values without building them: a document broken anywhere is unreadable, nothing of it applied.
     * Returns the indexes of the elements longer than {@code maxLineBytes}, which are never built.
     */
    BitSet check(Path file, FileContent content) throws IOException, UnreadableChangeFileException {
        String name = file.getFileName().toString();
        long size = content.size();
        if (size > maxDocumentBytes) {
            throw new UnreadableChangeFileException(name + " is " + size + " bytes, more than the " + maxDocumentBytes
                    + " a JSON document may have: split it, or write it as NDJSON (one change per line, .ndjson)",
                    null, null, null);
        }
        try (InputStream in = content.from(0)) {
            byte[] head = in.readNBytes(3);
            int bom = ChangeFileReader.Bom.length(head, head.length);
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
    static long skipElement(JsonParser parser) throws IOException {
        long from = parser.currentTokenLocation().getByteOffset();
        parser.skipChildren();
        return parser.currentLocation().getByteOffset() - from;
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

    /** Where a parse failed: limit violations (nesting, number or string length) carry no location of their own. */
    static JsonLocation locationOf(JsonProcessingException e, JsonParser parser) {
        return e.getLocation() != null ? e.getLocation() : parser.currentLocation();
    }
}
