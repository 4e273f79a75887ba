package io.billingsync.sftp;

import java.util.function.BooleanSupplier;
import org.apache.camel.Exchange;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileEndpoint;
import org.apache.camel.component.file.GenericFileOperationFailedException;
import org.apache.camel.component.file.GenericFileOperations;
import org.apache.camel.component.file.strategy.GenericFileProcessStrategySupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The route's process strategy (Camel's own {@code move}/{@code delete}, done in an order that survives a kill): a
 * file is begun only while this instance leads and, with a done marker, when the listing shows its marker; once the
 * route delivered it into the inbox, its marker and then the file itself are moved to the done folder on the server
 * (or deleted), and only then is it forgotten. Killed in between, the file is still remembered: it is listed again,
 * found delivered, and only moved.
 */
public final class SftpRemoteArchive extends GenericFileProcessStrategySupport<Object> {
    private static final Logger LOG = LoggerFactory.getLogger(SftpRemoteArchive.class);

    private final RemoteListing listing;
    private final FetchLedger ledger;
    private final SftpDelivery delivery;
    private final SftpProblems problems;
    private final SftpServer server;
    /** Null to delete fetched files. */
    private final String doneFolder;
    /** Null without done markers. */
    private final String doneMarker;
    private final BooleanSupplier leading;

    SftpRemoteArchive(RemoteListing listing, FetchLedger ledger, SftpDelivery delivery, SftpProblems problems,
                      SftpServer server, String doneFolder, String doneMarker, BooleanSupplier leading) {
        this.listing = listing;
        this.ledger = ledger;
        this.delivery = delivery;
        this.problems = problems;
        this.server = server;
        this.doneFolder = doneFolder;
        this.doneMarker = doneMarker;
        this.leading = leading;
    }

    @Override
    public boolean begin(GenericFileOperations<Object> operations, GenericFileEndpoint<Object> endpoint, Exchange exchange,
                         GenericFile<Object> file) {
        if (!leading.getAsBoolean()) {
            return false;
        }
        RemoteFile remote = RemoteFile.of(file);
        return doneMarker == null || ledger.find(remote.id()) != null || listing.contains(remote.listedName() + doneMarker);
    }

    @Override
    public void commit(GenericFileOperations<Object> operations, GenericFileEndpoint<Object> endpoint, Exchange exchange,
                       GenericFile<Object> file) throws Exception {
        super.commit(operations, endpoint, exchange, file); // closes the download
        RemoteFile remote = RemoteFile.of(file);
        FetchLedger.Fetch fetch = ledger.find(remote.id());
        if (fetch == null || !delivery.delivered(fetch)) {
            return; // not delivered (reported): the file stays on the server and is tried again
        }
        try {
            String path = file.getAbsoluteFilePath();
            if (doneMarker != null && listing.contains(remote.listedName() + doneMarker)) {
                archive(operations, path + doneMarker, file.getParent(), remote.listedName() + doneMarker);
            }
            archive(operations, path, file.getParent(), remote.listedName());
            ledger.forget(fetch.id());
            LOG.debug("{}: {} on the server", remote.printable(), doneFolder == null ? "deleted" : "moved to " + doneFolder);
        } catch (GenericFileOperationFailedException e) {
            problems.report(new SftpFailure(remote.printable() + " was fetched but cannot be "
                    + (doneFolder == null ? "deleted" : "moved to " + doneFolder) + " on the server; it is not fetched"
                    + " again. " + SftpFailure.of(e, server).reason(), false));
        }
    }

    private void archive(GenericFileOperations<Object> operations, String path, String parent, String name) {
        if (doneFolder == null) {
            operations.deleteFile(path);
            return;
        }
        String folder = (parent == null || parent.isEmpty() ? "" : parent + "/") + doneFolder;
        String target = folder + "/" + name;
        try {
            operations.renameFile(path, target);
        } catch (GenericFileOperationFailedException first) {
            // the done folder may not exist yet, or hold a file of the same name (replaced, as Camel's move does)
            operations.buildDirectory(folder, parent != null && parent.startsWith("/"));
            if (operations.existsFile(target)) {
                operations.deleteFile(target);
            }
            operations.renameFile(path, target);
        }
    }
}
