package io.billingsync.batch;

import io.billingsync.failure.FailureCategory;
import io.billingsync.records.DeadLetterFolder;
import io.billingsync.records.FailureRecord;
import io.billingsync.records.FileNames;
import io.billingsync.records.ResultSummary;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inbox files whose name Java cannot use as a string: bytes that are not UTF-8 (a share that writes Latin-1
 * names), or any non-ASCII name when the service runs without a UTF-8 locale. Such a file cannot be opened by
 * its name, so it is moved whole, unread, to the dead-letter folder under a name of printable ASCII (other bytes
 * as {@code %XX}), with an error record giving the original bytes and the fix. A directory stream keeps a name's
 * bytes, which is what makes the move possible.
 */
public final class UnusableFileNames {
    private static final Logger LOG = LoggerFactory.getLogger(UnusableFileNames.class);
    static final String ENCODING = System.getProperty("sun.jnu.encoding", "UTF-8");

    private final Path inbox;
    private final DeadLetterFolder deadLetters;
    private final RunSummary summary;
    private final boolean dryRun;
    private final Clock clock;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    public UnusableFileNames(Path inbox, DeadLetterFolder deadLetters, RunSummary summary, boolean dryRun, Clock clock) {
        this.inbox = inbox;
        this.deadLetters = deadLetters;
        this.summary = summary;
        this.dryRun = dryRun;
        this.clock = clock;
    }

    /** A warning at start-up when file names are not read as UTF-8: non-ASCII names then cannot be processed. */
    public static void warnUnlessUtf8() {
        if (!"UTF-8".equalsIgnoreCase(ENCODING)) {
            LOG.warn("File names are read as {}, not UTF-8, because the service runs without a UTF-8 locale: files with"
                    + " non-ASCII names will be moved to the dead-letter folder unread. Start it with LANG=C.UTF-8 (the"
                    + " shipped systemd unit sets it).", ENCODING);
        }
    }

    /** The path of a file as listed (a string), or null when no file can be opened by that string. */
    static Path usablePath(String listed) {
        try {
            Path path = Path.of(listed);
            return Files.exists(path, LinkOption.NOFOLLOW_LINKS) ? path : null;
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /** Moves every regular file of the inbox whose name cannot be used to the dead-letter folder. */
    public synchronized void moveAway() {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(inbox)) {
            for (Path entry : entries) {
                if (!roundTrips(entry)) {
                    moveAway(entry);
                }
            }
        } catch (IOException e) {
            LOG.error("Cannot list the inbox {}: {}", inbox, e.getMessage());
        }
    }

    private void moveAway(Path file) {
        moveAway(file, nameBytes(file));
    }

    /**
     * Moves {@code file}, whose name as its sender gave it ({@code original}, an SFTP server's listing, say) cannot
     * be used, to the dead-letter folder as described above. Returns false when it stays where it is (a dry run, or
     * a move that failed and is tried again later).
     */
    public boolean moveAway(Path file, byte[] original) {
        String safe = FileNames.withSuffix(safeName(original), "");
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            if (reported.add(safe)) {
                LOG.warn("Skipping {} in the inbox: not a regular file, and its name cannot be used ({}).", safe, hex(original));
            }
            return false;
        }
        if (dryRun) {
            if (reported.add(safe)) {
                LOG.warn("{}: {}", safe, problem(original));
            }
            return false;
        }
        String message = problem(original) + " The file was moved here unread as " + safe + ". " + fix(original, safe);
        FailureRecord failure = new FailureRecord(FailureCategory.INVALID, message, null, null, 0, null, null,
                clock.instant(), safe, null, null, null, null);
        Path moved;
        try {
            moved = deadLetters.moveWholeFile(file, safe, failure);
        } catch (RuntimeException e) {
            // the other files go on; this one is tried again on the next poll
            LOG.error("{}: {} It cannot be moved to the dead-letter folder either: {}", safe, problem(original), e.getMessage());
            return false;
        }
        summary.file(moved.getFileName().toString(), ResultSummary.wholeFileDeadLettered(), "file name not usable, dead-lettered whole");
        LOG.error("{}: {} Moved whole to the dead-letter folder as {}.", safe, problem(original), moved.getFileName());
        return true;
    }

    private static boolean roundTrips(Path entry) {
        try {
            return entry.resolveSibling(entry.getFileName().toString()).equals(entry);
        } catch (InvalidPathException e) {
            return false;
        }
    }

    private static String problem(byte[] original) {
        if (!isUtf8(original)) {
            return "The file name is not valid UTF-8: its bytes are " + hex(original) + " (hex), so it cannot be opened by"
                    + " that name.";
        }
        return "The file name \"" + new String(original, StandardCharsets.UTF_8) + "\" (bytes " + hex(original)
                + ") cannot be read in the file-name encoding " + ENCODING + ", because the service was started without"
                + " a UTF-8 locale.";
    }

    private static String fix(byte[] original, String safe) {
        String replay = "replay " + safe;
        if (!isUtf8(original)) {
            return "Fix: have the sender write UTF-8 file names (an SMB/CIFS share: mount it with iocharset=utf8), or run `"
                    + replay + "` to process it under this name.";
        }
        return "Fix: start the service with LANG=C.UTF-8 (the shipped systemd unit sets it), then run `" + replay + "`.";
    }

    /** The name's bytes as the file system has them: a path's URI escapes each byte that is not plain ASCII. */
    static byte[] nameBytes(Path file) {
        String raw = file.toAbsolutePath().toUri().getRawPath();
        if (raw.endsWith("/")) {
            raw = raw.substring(0, raw.length() - 1);
        }
        raw = raw.substring(raw.lastIndexOf('/') + 1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                bytes.write(HexFormat.fromHexDigits(raw, i + 1, i + 3));
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        return bytes.toByteArray();
    }

    /** Printable ASCII as it is, every other byte (and {@code %} and {@code /}) as {@code %XX}. */
    public static String safeName(byte[] original) {
        StringBuilder name = new StringBuilder();
        for (byte b : original) {
            int c = b & 0xFF;
            if (c >= 0x20 && c < 0x7F && c != '%' && c != '/') {
                name.append((char) c);
            } else {
                name.append('%').append(String.format(Locale.ROOT, "%02X", c));
            }
        }
        return name.toString();
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(bytes);
    }
}
