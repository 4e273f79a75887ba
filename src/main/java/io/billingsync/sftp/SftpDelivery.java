package io.billingsync.sftp;

import io.billingsync.batch.UnusableFileNames;
import io.billingsync.records.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.component.file.GenericFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The route's step for one remote file: downloads it under a temporary name the inbox ignores ({@code .sftp-<id>}),
 * forced to disk, remembers it ({@link FetchLedger}), then renames it into the inbox. A file remembered before is
 * not downloaded again: only what is left of its delivery is done. A failure leaves the file on the server (the
 * route's remote move happens only for a delivered file) and is reported by {@link SftpProblems}.
 */
public final class SftpDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(SftpDelivery.class);
    static final String TEMP_PREFIX = ".sftp-";

    private final Path inbox;
    private final FetchLedger ledger;
    private final UnusableFileNames unusableNames;
    private final SftpProblems problems;

    SftpDelivery(Path inbox, FetchLedger ledger, UnusableFileNames unusableNames, SftpProblems problems) {
        this.inbox = inbox;
        this.ledger = ledger;
        this.unusableNames = unusableNames;
        this.problems = problems;
    }

    public void deliver(Exchange exchange) {
        RemoteFile remote = RemoteFile.of(exchange.getProperty(ExchangePropertyKey.FILE_EXCHANGE_FILE, GenericFile.class));
        try {
            FetchLedger.Fetch known = ledger.find(remote.id());
            if (known != null) {
                finish(known);
                return;
            }
            Path target = localTarget(remote);
            if (target != null && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                LOG.debug("{}: waiting for {} in the inbox to be processed first", remote.printable(), target.getFileName());
                return;
            }
            String temp = TEMP_PREFIX + remote.id();
            download(exchange.getIn().getBody(InputStream.class), remote, inbox.resolve(temp));
            FetchLedger.Fetch fetch = new FetchLedger.Fetch(remote.id(), remote.listedName(), remote.printable(),
                    remote.size(), remote.modified(), temp, target == null ? null : target.getFileName().toString(), target == null);
            ledger.remember(fetch);
            finish(fetch);
        } catch (IOException | UncheckedIOException e) {
            problems.notDelivered(remote, e);
        }
    }

    /** The file's place in the inbox; null when its name cannot be used there (it goes to the dead-letter folder). */
    private Path localTarget(RemoteFile remote) {
        if (remote.name() == null) {
            return null;
        }
        try {
            Path target = inbox.resolve(remote.localName());
            return target.getFileName().toString().equals(remote.localName()) ? target : null;
        } catch (InvalidPathException e) {
            return null; // not ASCII, and the service runs without a UTF-8 locale
        }
    }

    private static void download(InputStream body, RemoteFile remote, Path temp) throws IOException {
        long[] copied = new long[1];
        AtomicFiles.write(temp, out -> copied[0] = body.transferTo(out));
        if (copied[0] != remote.size()) {
            Files.deleteIfExists(temp);
            throw new IOException("it changed while it was downloaded (" + copied[0] + " bytes read, " + remote.size()
                    + " listed); it is fetched once it is stable again");
        }
    }

    /** Whether the remembered fetch is in its place (the inbox or the dead-letter folder): only its remote move is left. */
    boolean delivered(FetchLedger.Fetch fetch) {
        return !Files.exists(inbox.resolve(fetch.temp()), LinkOption.NOFOLLOW_LINKS);
    }

    /** A remembered fetch to its place: nothing to do when its download was renamed there before. */
    void finish(FetchLedger.Fetch fetch) throws IOException {
        if (delivered(fetch)) {
            return;
        }
        Path temp = inbox.resolve(fetch.temp());
        if (fetch.deadLetter()) {
            if (!unusableNames.moveAway(temp, fetch.remote().nameBytes())) {
                throw new IOException("its name cannot be used here and it cannot be moved to the dead-letter folder");
            }
            return;
        }
        Path target = inbox.resolve(fetch.target());
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(target.toString(), null, "another file took its name in the inbox");
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        try (FileChannel folder = FileChannel.open(inbox, StandardOpenOption.READ)) {
            folder.force(true);
        }
        LOG.info("{}: fetched ({} bytes) into the inbox{}", fetch.printable(), fetch.size(),
                fetch.target().equals(fetch.printable()) ? "" : " as " + fetch.target());
    }

    /**
     * On taking over (a restart, a new leader): fetches remembered but not yet renamed into place are finished;
     * downloads that were never remembered (cut off by a kill) are removed, and fetched again.
     */
    void recover() {
        try {
            for (FetchLedger.Fetch fetch : ledger.all()) {
                finish(fetch);
            }
            try (Stream<Path> entries = Files.list(inbox)) {
                for (Path left : entries.filter(p -> isDownload(p.getFileName().toString())).toList()) {
                    String name = left.getFileName().toString();
                    if (!name.startsWith(TEMP_PREFIX) || ledger.find(name.substring(TEMP_PREFIX.length())) == null) {
                        Files.deleteIfExists(left);
                    }
                }
            }
        } catch (IOException | UncheckedIOException e) {
            problems.recoveryFailed(e);
        }
    }

    /** A download ({@code .sftp-<id>}), or one cut off while being written (AtomicFiles' {@code ..sftp-<id>.*.tmp}). */
    private static boolean isDownload(String name) {
        return name.startsWith(TEMP_PREFIX) && name.indexOf('.', 1) < 0 || name.startsWith("." + TEMP_PREFIX);
    }
}
