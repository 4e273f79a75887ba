package io.billingsync.records;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.UUID;

/**
 * Records hold personal data and must never be seen half-written: they are written owner-only to a temporary
 * file in the same folder, forced to disk, then renamed into place in one step.
 */
public final class AtomicFiles {
    static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final boolean POSIX = Path.of(".").getFileSystem().supportedFileAttributeViews().contains("posix");

    private AtomicFiles() {
    }

    /** Writes what {@code content} produces on a stream. */
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    public static void write(Path target, byte[] content) {
        write(target, out -> out.write(content));
    }

    public static void write(Path target, Content content) {
        Path dir = target.toAbsolutePath().getParent();
        Path temp = dir.resolve(FileNames.withSuffix("." + target.getFileName(), "." + UUID.randomUUID() + ".tmp"));
        try {
            try (FileChannel channel = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    fileAttributes(OWNER_FILE))) {
                OutputStream out = new BufferedOutputStream(unclosable(Channels.newOutputStream(channel)), 1 << 16);
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | UncheckedIOException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // the temporary name is hidden and never picked up
            }
            IOException cause = e instanceof IOException io ? io : ((UncheckedIOException) e).getCause();
            throw new UncheckedIOException("cannot write " + target + ": " + cause.getMessage(), cause);
        }
    }

    /** Writers (a JSON generator, say) may close their stream; the channel must stay open to be forced to disk. */
    private static OutputStream unclosable(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                out.write(bytes, offset, length);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }

    public static Path createPrivateDirectories(Path dir) {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, fileAttributes(OWNER_DIRECTORY));
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create folder " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@code dir/fileName} when free, else {@code stem-2.ext}, {@code stem-3.ext}, ... (shortened to fit, see
     * {@link FileNames}); a name is free when neither it nor any of its companions ({@code name + suffix}, e.g. its
     * {@code .result.json}) exists.
     */
    public static Path uniqueName(Path dir, String fileName, String... companionSuffixes) {
        int dot = fileName.indexOf('.', 1);
        String stem = dot < 0 ? fileName : fileName.substring(0, dot);
        String extension = dot < 0 ? "" : fileName.substring(dot);
        Path candidate = dir.resolve(fileName);
        for (int n = 2; isTaken(candidate, companionSuffixes); n++) {
            candidate = dir.resolve(FileNames.withSuffix(stem + "-" + n, extension));
        }
        return candidate;
    }

    private static boolean isTaken(Path candidate, String... companionSuffixes) {
        if (Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        for (String suffix : companionSuffixes) {
            if (Files.exists(companion(candidate, suffix), LinkOption.NOFOLLOW_LINKS)) {
                return true;
            }
        }
        return false;
    }

    /** The file named after {@code file} with {@code suffix} added (its result or error record, say), in the same folder. */
    public static Path companion(Path file, String suffix) {
        return file.resolveSibling(FileNames.withSuffix(file.getFileName().toString(), suffix));
    }

    /**
     * Moves a file, never replacing an existing one: in one step on the same file system; across file systems
     * (an ERP's share and a local done/, say) by copying it to a temporary name beside the target, forcing it to
     * disk, renaming it into place and only then removing the source. Interrupted in between, both copies exist
     * and the source is still where it was; callers recognise the completed copy and remove only the source.
     */
    public static void moveAtomically(Path source, Path target) {
        try {
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new FileAlreadyExistsException(target.toString());
            }
            try {
                Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException otherFileSystem) {
                write(target, out -> Files.copy(source, out));
                forceDirectory(target.toAbsolutePath().getParent());
                Files.delete(source);
            }
        } catch (IOException | UncheckedIOException e) {
            throw new UncheckedIOException("cannot move " + source + " to " + target + ": " + e.getMessage(),
                    e instanceof IOException io ? io : ((UncheckedIOException) e).getCause());
        }
    }

    /** Makes a rename in {@code dir} durable before the source of a copy is removed. */
    private static void forceDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    static FileAttribute<?>[] fileAttributes(Set<PosixFilePermission> permissions) {
        return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)} : new FileAttribute<?>[0];
    }
}
