package io.billingsync.change;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Streams a JSON document (one object, or an array of them) element by element with a streaming parser: one
 * element's tree and bytes in memory at a time, whatever the array's length. The document's syntax has been checked
 * as a whole before ({@link ChangeFileReader}), so reading it again here only meets what it met then.
 */
final class DocumentCursor extends LookaheadCursor {

    interface ElementParser {
        /** Reads the element the parser is on; {@code raw} gives its bytes once the parser has passed them. */
        ChangeEntry parse(JsonParser parser, int index, String position, RawBytes raw) throws IOException;
    }

    interface RawBytes {
        byte[] between(long from, long to) throws IOException;
    }

    private final Path file;
    private final FileContent content;
    private final int start;
    private final JsonParser parser;
    private final ElementParser elements;
    private final List<String> recordsPath;
    private final String itemName;
    private boolean array;
    private int index;

    /**
     * @param recordsPath where the records are (keys from the top object), none: the document is the array or the one
     *                    record
     * @param itemName    how positions name an element: {@code element 3 (line 5, column 3)}
     */
    DocumentCursor(Path file, FileContent content, JsonFactory json, List<String> recordsPath, String itemName,
                   ElementParser elements) throws IOException {
        this.file = file;
        this.content = content;
        try {
            byte[] head = content.read(0, Math.min(3, content.size()));
            this.start = ChangeFileReader.Bom.length(head);
            this.parser = json.createParser(content.from(start));
        } catch (IOException | RuntimeException e) {
            content.close();
            throw e;
        }
        this.elements = elements;
        this.recordsPath = recordsPath;
        this.itemName = itemName;
    }

    @Override
    protected ChangeEntry readEntry() {
        try {
            JsonToken token = parser.nextToken();
            if (index == 0 && !array && (token == JsonToken.START_ARRAY || !recordsPath.isEmpty())) {
                enterRecords();
                array = true;
                token = parser.nextToken();
            }
            if (token == null || token == JsonToken.END_ARRAY || (!array && index > 0)) {
                finish();
                return null;
            }
            String where = JsonValueReader.where(parser.currentTokenLocation());
            ChangeEntry entry = elements.parse(parser, index, array ? itemName + " " + index + " (" + where + ")" : where,
                    this::bytesBetween);
            index++;
            return entry;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.getFileName() + " at element " + index + ": "
                    + e.getMessage() + " (was it changed while being processed?)", e);
        }
    }

    /** From the document's first token to the records array's (checked before to be there). */
    private void enterRecords() throws IOException {
        for (String key : recordsPath) {
            while (parser.nextToken() == JsonToken.FIELD_NAME && !parser.currentName().equals(key)) {
                parser.nextToken();
                parser.skipChildren();
            }
            parser.nextToken();
        }
    }

    /** An element's exact bytes (offsets as the parser counts them, after any byte-order mark). */
    private byte[] bytesBetween(long from, long to) throws IOException {
        return content.read(start + from, start + to);
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
