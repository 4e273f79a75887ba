package io.billingsync.change;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

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
    private final FileChannel channel;
    private final int start;
    private final JsonParser parser;
    private final ElementParser elements;
    private boolean array;
    private int index;

    DocumentCursor(Path file, JsonFactory json, ElementParser elements) throws IOException {
        this.file = file;
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            byte[] head = new byte[3];
            this.start = ChangeFileReader.Bom.length(head, channel.read(ByteBuffer.wrap(head), 0));
            channel.position(start);
            this.parser = json.createParser(Channels.newInputStream(channel));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        this.elements = elements;
    }

    @Override
    protected ChangeEntry readEntry() {
        try {
            JsonToken token = parser.nextToken();
            if (index == 0 && !array && token == JsonToken.START_ARRAY) {
                array = true;
                token = parser.nextToken();
            }
            if (token == null || token == JsonToken.END_ARRAY || (!array && index > 0)) {
                finish();
                return null;
            }
            String where = JsonValueReader.where(parser.currentTokenLocation());
            ChangeEntry entry = elements.parse(parser, index, array ? "element " + index + " (" + where + ")" : where,
                    this::bytesBetween);
            index++;
            return entry;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.getFileName() + " at element " + index + ": "
                    + e.getMessage() + " (was it changed while being processed?)", e);
        }
    }

    /** An element's exact bytes (offsets as the parser counts them), read back from the file. */
    private byte[] bytesBetween(long from, long to) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(to - from));
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, start + from + buffer.position()) < 0) {
                throw new IOException("the file ended early");
            }
        }
        return buffer.array();
    }

    @Override
    public void close() {
        try {
            parser.close();
            channel.close();
        } catch (IOException ignored) {
            // read-only: nothing to lose
        }
    }
}
