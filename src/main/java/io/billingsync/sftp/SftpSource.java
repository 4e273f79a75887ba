package io.billingsync.sftp;

import static io.billingsync.config.SftpSettingsTable.*;

import io.billingsync.batch.RunMode;
import io.billingsync.batch.RunSummary;
import io.billingsync.batch.UnusableFileNames;
import io.billingsync.config.SyncSettings;
import io.billingsync.records.DeadLetterFolder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.spi.LifecycleStrategy;

/**
 * The SFTP source in front of the inbox ({@code routes/sftp.camel.yaml}, docs/SFTP.md), assembled from the settings:
 * the beans its route uses, by name, the set-up of its endpoint (secrets set on it directly, never in its URI), its
 * health check and the placeholder the route's retry wait needs. The wiring binds them.
 */
public final class SftpSource {
    private final Map<String, Object> beans = new LinkedHashMap<>();
    private final SftpEndpointSetup endpointSetup;
    private final SftpHealth health;
    private final long retryPolls;

    /**
     * @param runMode  how a --once run ends: it waits for the fetch as well
     * @param leading  whether this instance leads: only the leader fetches
     */
    public SftpSource(SyncSettings settings, RunSummary summary, RunMode runMode, BooleanSupplier leading, Clock clock) {
        Duration poll = settings.value(SFTP_POLL_INTERVAL);
        Duration retry = settings.value(SFTP_RETRY_INTERVAL);
        retryPolls = Math.max(1, (retry.toMillis() + poll.toMillis() - 1) / poll.toMillis());
        SftpServer server = SftpServer.from(settings);
        SftpOnceRun once = new SftpOnceRun(settings.once(), summary, server.toString());
        runMode.addSource(once);
        SftpProblems problems = new SftpProblems(server.toString(), clock, once);
        FetchLedger ledger = new FetchLedger(settings.work());
        RemoteListing listing = new RemoteListing(settings.value(SFTP_STABLE_AFTER));
        UnusableFileNames unusable = new UnusableFileNames(settings.inbox(), new DeadLetterFolder(settings.deadLetter()),
                summary, false, clock);
        SftpDelivery delivery = new SftpDelivery(settings.inbox(), ledger, unusable, problems);
        String marker = asListed(settings.value(SFTP_DONE_MARKER));
        String doneFolder = settings.value(SFTP_DELETE) ? null : asListed(settings.value(SFTP_DONE_FOLDER));
        SftpPolls polls = new SftpPolls(listing, ledger, delivery, problems, server, once, clock, leading);
        beans.put("sftpFileFilter", new SftpFileFilter(listing, ledger, marker, leading, clock));
        beans.put("sftpRemoteArchive", new SftpRemoteArchive(listing, ledger, delivery, problems, server, doneFolder,
                marker, leading));
        beans.put("sftpPolls", polls);
        beans.put("sftpDelivery", delivery);
        endpointSetup = new SftpEndpointSetup(server.host(), settings.value(SFTP_PASSWORD),
                settings.value(SFTP_PRIVATE_KEY_PASSPHRASE), polls);
        health = new SftpHealth(problems, server.toString());
    }

    /** The beans the route refers to, by the names it uses. */
    public Map<String, Object> beans() {
        return beans;
    }

    public LifecycleStrategy endpointSetup() {
        return endpointSetup;
    }

    public HealthCheck health() {
        return health;
    }

    /** How many polls a failed attempt waits: {@code sync.sftp.retry-interval} in polling intervals, at least one. */
    public long retryPolls() {
        return retryPolls;
    }

    /** A name as the route lists names (one character per byte, see the route). */
    private static String asListed(String name) {
        return name == null ? null : new String(name.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }
}
