package io.billingsync.batch;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which inbox entries are change files: regular files only (no directories, symlinks, FIFOs or devices),
 * never hidden or temporary names ({@code .x}, {@code *.tmp}, {@code *.part}, {@code *~}). Skipped entries
 * that look like a mistake (a symlink, a FIFO) are logged once each. A name Java cannot use (not UTF-8, or
 * not ASCII without a UTF-8 locale) is never taken as it is listed: such files are moved to the dead-letter folder.
 * Nothing is taken while this instance does not lead: the inbox route runs until the loss of the lock reaches it,
 * and a lock lost without a word (an expired lease) never does; such a consumer must find nothing.
 */
public final class InboxFileFilter implements GenericFileFilter<Object> {
    private static final Logger LOG = LoggerFactory.getLogger(InboxFileFilter.class);
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    private final UnusableFileNames unusableNames;
    private final BooleanSupplier leading;

    public InboxFileFilter(UnusableFileNames unusableNames, BooleanSupplier leading) {
        this.unusableNames = unusableNames;
        this.leading = leading;
    }

    public static boolean isChangeFileName(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        return !name.startsWith(".") && !lower.endsWith(".tmp") && !lower.endsWith(".part") && !name.endsWith("~");
    }

    public boolean accept(Path path) {
        String name = path.getFileName().toString();
        if (!isChangeFileName(name)) {
            return false;
        }
        if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) && reported.add(name)) {
            LOG.warn("Skipping {} in the inbox: not a regular file ({}). Copy the file itself into the inbox.", name,
                    Files.isSymbolicLink(path) ? "a symbolic link" : "a FIFO, socket or device");
        }
        return false;
    }

    @Override
    public boolean accept(GenericFile<Object> file) {
        if (!leading.getAsBoolean()) {
            return false;
        }
        Path path = UnusableFileNames.usablePath(file.getAbsoluteFilePath());
        if (path == null) {
            unusableNames.moveAway();
            return false;
        }
        return !file.isDirectory() && accept(path);
    }
}
