package io.billingsync.sftp;

import static io.billingsync.config.SettingsTable.*;

import io.billingsync.batch.RunMode;
import io.billingsync.batch.RunSummary;
import io.billingsync.batch.UnusableFileNames;
import io.billingsync.cluster.Leadership;
import io.billingsync.config.SyncSettings;
import io.billingsync.records.DeadLetterFolder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.spi.Registry;

/**
 * The SFTP source in front of the inbox ({@code routes/sftp.camel.yaml}, docs/SFTP.md): its beans, its health check
 * and what the route's placeholders need. Off unless {@code sync.sftp.host} is set, and in a dry run.
 */
public final class SftpConfiguration implements CamelConfiguration {
    private final SyncSettings settings;
    private final RunSummary summary;
    private final Clock clock;

    public SftpConfiguration(SyncSettings settings, RunSummary summary, Clock clock) {
        this.settings = settings;
        this.summary = summary;
        this.clock = clock;
    }

    @Override
    public void configure(CamelContext camel) {
        if (!settings.sftpEnabled()) {
            return; // nor is the route built (its precondition)
        }
        Duration poll = settings.value(SFTP_POLL_INTERVAL);
        Duration retry = settings.value(SFTP_RETRY_INTERVAL);
        camel.getPropertiesComponent().addOverrideProperty("sync.sftp.retry-polls",
                String.valueOf(Math.max(1, (retry.toMillis() + poll.toMillis() - 1) / poll.toMillis())));
        bind(camel);
    }

    private void bind(CamelContext camel) {
        SftpServer server = SftpServer.from(settings);
        BooleanSupplier leading = () -> Leadership.leads(camel);
        Registry registry = camel.getRegistry();
        SftpOnceRun once = new SftpOnceRun(settings.once(), summary, server.toString());
        RunMode runMode = registry.lookupByNameAndType("runMode", RunMode.class);
        if (runMode != null) {
            runMode.addSource(once);
        }
        SftpProblems problems = new SftpProblems(server.toString(), clock, once);
        FetchLedger ledger = new FetchLedger(settings.work());
        RemoteListing listing = new RemoteListing(settings.value(SFTP_STABLE_AFTER));
        UnusableFileNames unusable = new UnusableFileNames(settings.inbox(), new DeadLetterFolder(settings.deadLetter()),
                summary, false, clock);
        SftpDelivery delivery = new SftpDelivery(settings.inbox(), ledger, unusable, problems);
        String marker = asListed(settings.value(SFTP_DONE_MARKER));
        String doneFolder = settings.value(SFTP_DELETE) ? null : asListed(settings.value(SFTP_DONE_FOLDER));
        registry.bind("sftpFileFilter", new SftpFileFilter(listing, ledger, marker, leading, clock));
        registry.bind("sftpRemoteArchive", new SftpRemoteArchive(listing, ledger, delivery, problems, server, doneFolder,
                marker, leading));
        SftpPolls polls = new SftpPolls(listing, ledger, delivery, problems, server, once, clock, leading);
        registry.bind("sftpPolls", polls);
        registry.bind("sftpDelivery", delivery);
        camel.addLifecycleStrategy(new SftpEndpointSetup(server.host(), settings.value(SFTP_PASSWORD),
                settings.value(SFTP_PRIVATE_KEY_PASSPHRASE), polls));
        HealthCheckRegistry healthChecks = camel.getCamelContextExtension().getContextPlugin(HealthCheckRegistry.class);
        if (healthChecks != null) {
            healthChecks.register(new SftpHealth(problems, server.toString()));
        }
    }

    /** A name as the route lists names (one character per byte, see the route). */
    private static String asListed(String name) {
        return name == null ? null : new String(name.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }
}
