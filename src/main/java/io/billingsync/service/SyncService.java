package io.billingsync.service;

import io.billingsync.batch.RunSummary;
import io.billingsync.cluster.LeaderElection;
import io.billingsync.cluster.LeaderSettings;
import io.billingsync.cluster.Leadership;
import io.billingsync.change.ChangeFileReader;
import io.billingsync.config.CamelPlaceholders;
import io.billingsync.config.SettingsTable;
import io.billingsync.config.SyncSettings;
import io.billingsync.history.LeaderHistory;
import io.billingsync.mapping.InputFormats;
import io.billingsync.partnercenter.TokenProvider;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.main.DefaultMainShutdownStrategy;
import org.apache.camel.main.Main;

/**
 * The sync service: Camel Main with the YAML routes of {@code routes/} and the beans of
 * {@link SyncConfiguration}. {@link #run()} blocks until stopped (or, with {@code --once}, until the inbox is
 * idle); {@link #start()} and {@link #close()} drive it from a test.
 */
public final class SyncService implements AutoCloseable {

    private final SyncSettings settings;
    private final Main main = new Main();
    private final RunSummary summary = new RunSummary();
    private final Leadership leadership;

    public SyncService(SyncSettings settings, Properties properties, TokenProvider tokens, Clock clock) {
        this.settings = settings;
        JolokiaAccess.check(properties);
        main.setOverrideProperties(camelProperties(settings, properties));
        main.setPropertyPlaceholderLocations("classpath:none.properties;optional=true");
        // opened by the instance that takes the leader lock, never by a standby
        LeaderHistory history = settings.history()
                ? new LeaderHistory(settings.work(), settings.done(), settings.historyRetention(), clock) : null;
        LeaderElection election = history == null
                ? new LeaderElection(settings, LeaderSettings.from(settings), main::completed)
                : new LeaderElection(settings, LeaderSettings.from(settings), main::completed, history);
        leadership = election.leadership();
        // a mapping with a mistake stops the start before anything is read
        InputFormats formats = InputFormats.load(settings.mappings())
                .readingWith(ChangeFileReader.withClock(clock, settings.changedAtClockSkew()));
        main.configure().addConfiguration(new SyncConfiguration(settings, tokens, summary, main::completed, clock, history,
                leadership, formats));
        main.configure().addConfiguration(election);
        main.configure().addConfiguration(new MonitoringWiring(settings, tokens, leadership, clock));
        main.configure().addConfiguration(new TracingWiring(settings));
    }

    /** The properties Camel runs with: the settings, the placeholders the routes use, and where the routes are. */
    public static Properties camelProperties(SyncSettings settings, Properties properties) {
        Properties camelProperties = new Properties();
        camelProperties.putAll(properties);
        CamelPlaceholders.addTo(settings, camelProperties);
        camelProperties.putIfAbsent("camel.main.routes-include-pattern", "file:routes/*.camel.yaml");
        camelProperties.putIfAbsent("camel.main.name", "billing-profile-sync");
        // the inbox consumer's first poll lasts until the first file is done: it counts as ready meanwhile
        camelProperties.putIfAbsent("camel.health.initial-state", "up");
        JolokiaAccess.jmxOnlyForJolokia(camelProperties);
        return camelProperties;
    }

    private void prepareFolders() {
        Map<String, Path> folders = new LinkedHashMap<>();
        folders.put(SettingsTable.INBOX.name(), settings.inbox());
        folders.put(SettingsTable.DONE.name(), settings.done());
        folders.put(SettingsTable.DEAD_LETTER.name(), settings.deadLetter());
        folders.put(SettingsTable.WORK.name(), settings.work());
        ServiceFolders.prepare(folders);
    }

    /** Runs until stopped (SIGTERM lets in-flight changes finish), or until the inbox is idle with --once. */
    public RunSummary run() throws Exception {
        prepareFolders();
        try {
            main.run();
        } finally {
            leadership.releaseResource();
        }
        return summary;
    }

    public void start() throws Exception {
        prepareFolders();
        main.start();
    }

    /** Asks a running service to stop gracefully: in-flight changes finish, {@link #run()} then returns. */
    public void requestStop() {
        main.completed();
    }

    /** Signals are handled by the caller: no JVM shutdown hook of Camel's, which logs any stop as "SIGTERM". */
    public void withoutCamelShutdownHook() {
        if (main.getShutdownStrategy() instanceof DefaultMainShutdownStrategy hooked) {
            hooked.disableHangupSupport();
        }
    }

    public CamelContext camel() {
        return main.getCamelContext();
    }

    /** Whether this instance leads its folder set; a --once run that never did says so. */
    public Leadership leadership() {
        return leadership;
    }

    public RunSummary summary() {
        return summary;
    }

    @Override
    public void close() throws Exception {
        main.stop();
        leadership.releaseResource();
    }
}
