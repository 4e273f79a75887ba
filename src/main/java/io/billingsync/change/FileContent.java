package io.billingsync.change;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The bytes of a change file as they were when it was opened: read by position through one handle, never past the
 * size it had then, so a file renamed over or appended to meanwhile cannot mix into what is read.
 */
public final class FileContent implements Closeable {
    private final FileChannel channel;
    private final long size;
    private final boolean owned;

    private FileContent(FileChannel channel, long size, boolean owned) {
        this.channel = channel;
        this.size = size;
        this.owned = owned;
    }

    /** Opens {@code file}; closing the content closes the file. */
    public static FileContent open(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            return new FileContent(channel, channel.size(), true);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The first {@code size} bytes of a file opened by the caller, who closes it. */
    public static FileContent of(FileChannel channel, long size) {
        return new FileContent(channel, size, false);
    }

    public long size() {
        return size;
    }

    /** A new stream of the content from {@code offset} to its end. */
    public InputStream from(long offset) {
        return new InputStream() {
            private long position = offset;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] buffer, int off, int length) throws IOException {
                long left = size - position;
                if (left <= 0) {
                    return -1;
                }
                int n = channel.read(ByteBuffer.wrap(buffer, off, (int) Math.min(length, left)), position);
                if (n < 0) {
                    return -1; // cut short meanwhile
                }
                position += n;
                return n;
            }
        };
    }

    /** The bytes from {@code from} to {@code to}. */
    public byte[] read(long from, long to) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(Math.min(to, size) - from));
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, from + buffer.position()) < 0) {
                throw new IOException("the file ended early");
            }
        }
        return buffer.array();
    }

    @Override
    public void close() throws IOException {
        if (owned) {
            channel.close();
        }
    }
}
