package io.billingsync.change;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Streams an NDJSON file line by line from bytes: never more than one line (at most {@code maxLineBytes}) in
 * memory. Blank lines are skipped; a line that is too long becomes an invalid entry and reading goes on.
 */
final class NdjsonCursor extends LookaheadCursor {

    interface LineParser {
        ChangeEntry parse(int index, int lineNumber, byte[] line);
    }

    private final Path file;
    private final InputStream in;
    private final LineParser parser;
    private final int maxLineBytes;
    private final RecordMapper records;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private int lineNumber;
    private int index;
    private boolean atStart = true;

    /** @param records makes the entry of a line too long to be read */
    NdjsonCursor(Path file, InputStream in, LineParser parser, int maxLineBytes, RecordMapper records) {
        this.file = file;
        this.records = records;
        this.in = new BufferedInputStream(in, 1 << 16);
        this.parser = parser;
        this.maxLineBytes = maxLineBytes;
    }

    /** The next non-blank line as an entry; null for a blank line or at the end. */
    @Override
    protected ChangeEntry readEntry() {
        try {
            line.reset();
            boolean tooLong = false;
            int b;
            while ((b = in.read()) != -1 && b != '\n') {
                if (line.size() < maxLineBytes) {
                    line.write(b);
                } else {
                    tooLong = true;
                }
            }
            if (b == -1) {
                finish();
                if (line.size() == 0) {
                    return null;
                }
            }
            lineNumber++;
            byte[] bytes = line.toByteArray();
            int from = 0;
            if (atStart) {
                atStart = false;
                from = ChangeFileReader.Bom.length(bytes);
            }
            int to = bytes.length;
            if (to > from && bytes[to - 1] == '\r') {
                to--;
            }
            if (isBlank(bytes, from, to)) {
                return null;
            }
            byte[] content = from == 0 && to == bytes.length ? bytes : java.util.Arrays.copyOfRange(bytes, from, to);
            if (tooLong) {
                return records.unusable(index++, "line " + lineNumber, new byte[0], "line " + lineNumber
                        + " is longer than " + maxLineBytes + " bytes: a change request is far smaller; check the file");
            }
            return parser.parse(index++, lineNumber, content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.getFileName() + " at line " + (lineNumber + 1) + ": "
                    + e.getMessage(), e);
        }
    }

    private static boolean isBlank(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != ' ' && bytes[i] != '\t' && bytes[i] != '\r') {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException ignored) {
            // read-only stream: nothing to lose
        }
    }
}
