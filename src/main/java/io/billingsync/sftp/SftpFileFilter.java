package io.billingsync.sftp;

import io.billingsync.batch.InboxFileFilter;
import java.time.Clock;
import java.util.function.BooleanSupplier;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;

/**
 * Which remote files the route takes: only while this instance leads; regular files with a change file's name
 * (never hidden or temporary names, as in the inbox, nor done markers); a file fetched before (its remote move is
 * what is left); otherwise, a file whose size and modification time stayed the same for {@code sync.sftp.stable-after}
 * or, with {@code sync.sftp.done-marker}, any file, its marker checked once the whole listing is known
 * ({@link SftpRemoteArchive#begin}).
 */
public final class SftpFileFilter implements GenericFileFilter<Object> {
    private final RemoteListing listing;
    private final FetchLedger ledger;
    private final String doneMarker;
    private final BooleanSupplier leading;
    private final Clock clock;

    SftpFileFilter(RemoteListing listing, FetchLedger ledger, String doneMarker, BooleanSupplier leading, Clock clock) {
        this.listing = listing;
        this.ledger = ledger;
        this.doneMarker = doneMarker;
        this.leading = leading;
        this.clock = clock;
    }

    @Override
    public boolean accept(GenericFile<Object> file) {
        RemoteFile remote = RemoteFile.of(file);
        listing.listed(remote.listedName());
        if (file.isDirectory() || !leading.getAsBoolean()) {
            return false;
        }
        if (doneMarker != null && remote.listedName().endsWith(doneMarker)
                || !InboxFileFilter.isChangeFileName(remote.printable())) {
            return false;
        }
        if (ledger.find(remote.id()) != null) {
            return true;
        }
        return doneMarker != null || listing.stable(remote, clock.instant());
    }
}
