package io.billingsync.records;

import io.billingsync.change.FileContent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An input file as it was when its processing began, read through one handle and never past the size it had
 * then: what is processed is exactly what is described by {@link #identity()}, whatever happens to the name
 * meanwhile. {@link #changeSince()} tells, before archiving, whether the name still holds that content.
 */
public final class OpenedFile implements AutoCloseable {
    /** The identity is fingerprinted by its last bytes (at most this many): enough to tell an append from a rewrite. */
    private static final int TAIL_BYTES = 4096;

    /** What an input file's name holds now, compared with what was opened. */
    public enum Change {
        /** The same content. */
        NONE,
        /** The same file with content added after what was opened (which ended with a line break). */
        APPENDED,
        /** Other content (a new file renamed over the name, or rewritten in place). */
        REPLACED,
        /** Nothing: the name is gone. */
        GONE
    }

    /** Size and modification time (milliseconds), the file system's key (inode), and a fingerprint of the end. */
    public record Identity(String file, long size, long modified, String key, String tail) {
    }

    private final Path path;
    private final FileChannel channel;
    private final Identity identity;

    private OpenedFile(Path path, FileChannel channel, Identity identity) {
        this.path = path;
        this.channel = channel;
        this.identity = identity;
    }

    /** Opens the file, making sure the identity describes the very file opened (a rename may race the open). */
    public static OpenedFile open(Path path) throws IOException {
        for (int attempt = 1; ; attempt++) {
            BasicFileAttributes before = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
            try {
                BasicFileAttributes after = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (Objects.equals(before.fileKey(), after.fileKey()) || attempt == 3) {
                    long size = channel.size();
                    Identity identity = new Identity(path.getFileName().toString(), size,
                            after.lastModifiedTime().toMillis(), key(after), tail(channel, size));
                    return new OpenedFile(path, channel, identity);
                }
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            channel.close();
        }
    }

    public Identity identity() {
        return identity;
    }

    public long size() {
        return identity.size();
    }

    /** The content as opened: from the start, up to the size it had then. */
    public FileContent content() {
        return FileContent.of(channel, identity.size());
    }

    public Change changeSince() throws IOException {
        BasicFileAttributes now;
        try {
            now = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return Change.GONE;
        }
        if (!Objects.equals(key(now), identity.key())) {
            return Change.REPLACED;
        }
        if (now.size() == identity.size() && now.lastModifiedTime().toMillis() == identity.modified()) {
            return Change.NONE;
        }
        return grewFrom(identity) ? Change.APPENDED : Change.REPLACED;
    }

    /**
     * Whether this file is {@code earlier} with lines added after it: the same file system object, larger, and
     * still ending, at the earlier size, with the same bytes and a line break.
     */
    public boolean grewFrom(Identity earlier) throws IOException {
        long size = channel.size();
        if (earlier.key() == null || !earlier.key().equals(identity.key()) || size <= earlier.size()) {
            return false;
        }
        if (earlier.size() > 0) {
            ByteBuffer last = ByteBuffer.allocate(1);
            if (channel.read(last, earlier.size() - 1) != 1 || last.get(0) != '\n') {
                return false;
            }
        }
        return tail(channel, earlier.size()).equals(earlier.tail());
    }

    /** Copies the content as opened to {@code target}; false when it was rewritten in place and is lost. */
    public boolean copyTo(Path target) {
        try {
            if (channel.size() < identity.size() || !tail(channel, identity.size()).equals(identity.tail())) {
                return false;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
        AtomicFiles.write(target, out -> content().from(0).transferTo(out));
        return true;
    }

    private static String key(BasicFileAttributes attributes) {
        return attributes.fileKey() == null ? null : attributes.fileKey().toString();
    }

    private static String tail(FileChannel channel, long end) throws IOException {
        int length = (int) Math.min(TAIL_BYTES, end);
        ByteBuffer bytes = ByteBuffer.allocate(length);
        long from = end - length;
        while (bytes.hasRemaining() && channel.read(bytes, from + bytes.position()) > 0) {
            // reads until the buffer is full or the file ends
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.array()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
