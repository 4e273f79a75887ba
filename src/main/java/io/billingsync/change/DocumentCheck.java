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
import java.util.List;

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
    BitSet check(Path file, FileContent content, List<String> recordsPath) throws IOException, UnreadableChangeFileException {
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
                    return checkShape(name, parser, recordsPath);
                } catch (JsonProcessingException e) {
                    throw unreadable(name, locationOf(e, parser), "malformed JSON: " + e.getOriginalMessage(), e);
                }
            }
        }
    }

    private BitSet checkShape(String name, JsonParser parser, List<String> recordsPath)
            throws IOException, UnreadableChangeFileException {
        JsonToken first = parser.nextToken();
        if (first == null) {
            throw new UnreadableChangeFileException(name + " is empty: it must hold a change request object or an"
                    + " array of them", null, null, null);
        }
        BitSet tooLong;
        if (!recordsPath.isEmpty()) {
            tooLong = recordsIn(name, parser, recordsPath);
        } else if (first == JsonToken.START_ARRAY) {
            tooLong = elements(parser);
        } else if (first == JsonToken.START_OBJECT) {
            tooLong = new BitSet();
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

    /** The elements of the array the parser is on, passed over; the indexes of those longer than the limit. */
    private BitSet elements(JsonParser parser) throws IOException {
        BitSet tooLong = new BitSet();
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
        return tooLong;
    }

    /** The records array inside an envelope such as {@code {"value": [...]}}, the whole document passed over. */
    private BitSet recordsIn(String name, JsonParser parser, List<String> path) throws IOException, UnreadableChangeFileException {
        String dotted = String.join(".", path);
        BitSet found = null;
        for (int depth = 0; depth < path.size(); depth++) {
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                throw unreadable(name, parser.currentTokenLocation(), "the records are read from \"" + dotted
                        + "\" in an object, but " + (depth == 0 ? "the document" : "\"" + path.get(depth - 1) + "\"")
                        + " is " + describe(parser.currentToken()) + ": check the mapping's records path", null);
            }
            boolean seen = false;
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                boolean named = parser.currentName().equals(path.get(depth));
                boolean onPath = named && !seen;
                JsonLocation at = parser.currentTokenLocation();
                JsonToken value = parser.nextToken();
                if (named && seen) {
                    throw unreadable(name, at, "the key \"" + path.get(depth) + "\" is given twice", null);
                }
                seen |= onPath;
                if (onPath && depth == path.size() - 1) {
                    if (value != JsonToken.START_ARRAY) {
                        throw unreadable(name, at, "\"" + dotted + "\" must be an array of records, not "
                                + describe(value), null);
                    }
                    found = elements(parser);
                } else if (onPath) {
                    break; // descend into it
                } else {
                    parser.skipChildren();
                }
            }
            if (token != JsonToken.FIELD_NAME && found == null) {
                throw new UnreadableChangeFileException(name + " has no array of records at \"" + dotted
                        + "\": check the mapping's records path against the file", null, null, null);
            }
            if (found != null) {
                skipRest(parser, depth);
                return found;
            }
        }
        throw new IllegalStateException("unreachable");
    }

    /** Passes over what follows the records' object to the end of the document: {@code depth} objects still open. */
    private static void skipRest(JsonParser parser, int depth) throws IOException {
        for (int open = depth; open > 0; ) {
            JsonToken token = parser.nextToken();
            if (token == JsonToken.END_OBJECT) {
                open--;
            } else if (token == JsonToken.FIELD_NAME) {
                parser.nextToken();
                parser.skipChildren();
            }
        }
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
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
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
