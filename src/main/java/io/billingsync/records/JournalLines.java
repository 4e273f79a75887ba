package io.billingsync.records;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A journal's lines on disk: appended straight to the operating system (no buffering in the JVM, so a killed
 * process loses nothing it wrote), and read back by the offset where each starts.
 */
final class JournalLines {
    private static final byte NEWLINE = '\n';

    private final FileChannel channel;
    private long end;

    JournalLines(FileChannel channel) throws IOException {
        this.channel = channel;
        this.end = channel.size();
    }

    boolean isEmpty() {
        return end == 0;
    }

    /** Where the file ends: the offset the next line will start at. */
    long end() {
        return end;
    }

    /** Appends one line; returns where it starts. A line that cannot be written whole (disk full) is taken back. */
    long append(byte[] line) throws IOException {
        long start = end;
        ByteBuffer buffer = ByteBuffer.allocate(line.length + 1).put(line).put(NEWLINE).flip();
        try {
            while (buffer.hasRemaining()) {
                end += channel.write(buffer, end);
            }
        } catch (IOException e) {
            end = start;
            try {
                channel.truncate(start);
            } catch (IOException ignored) {
                // a torn line is skipped when read back
            }
            throw e;
        }
        return start;
    }

    /** The line starting at {@code offset}, without its newline; null when the file ends before a newline. */
    byte[] readLine(long offset) throws IOException {
        return readLine(channel, offset);
    }

    /** The line starting at {@code offset}, without its newline; null when the file ends before a newline. */
    static byte[] readLine(FileChannel channel, long offset) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(512);
        ByteBuffer chunk = ByteBuffer.allocate(4096);
        for (long position = offset; ; ) {
            chunk.clear();
            int read = channel.read(chunk, position);
            if (read <= 0) {
                return null;
            }
            byte[] bytes = chunk.array();
            for (int i = 0; i < read; i++) {
                if (bytes[i] == NEWLINE) {
                    line.write(bytes, 0, i);
                    return line.toByteArray();
                }
            }
            line.write(bytes, 0, read);
            position += read;
        }
    }

    void close() throws IOException {
        channel.close();
    }
}
