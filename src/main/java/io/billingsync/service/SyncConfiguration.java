package io.billingsync.service;

import io.billingsync.batch.RunMode;
import io.billingsync.batch.RunSummary;
import io.billingsync.cluster.LeaderOnlyRoutes;
import io.billingsync.cluster.Leadership;
import io.billingsync.config.SyncSettings;
import io.billingsync.history.LeaderHistory;
import io.billingsync.mapping.InputFormats;
import io.billingsync.metrics.SyncMetrics;
import io.billingsync.partnercenter.TokenProvider;
import io.billingsync.route.PartnerCenterHealth;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.properties.PropertiesComponent;
import org.apache.camel.spi.Registry;

/**
 * Creates the service's beans from its settings and binds them under the names the routes use: the one place that
 * does. Each area has its part: Partner Center ({@link PartnerCenterBeans}), the apply-change route
 * ({@link ChangeRouteBeans}), the address checks before its PUT ({@link AddressCheckBeans}), files and their changes
 * ({@link BatchBeans}), the SFTP source ({@link SftpBeans}).
 */
public final class SyncConfiguration implements CamelConfiguration {

    private final SyncSettings settings;
    private final TokenProvider tokens;
    private final RunSummary summary;
    private final Runnable stop;
    private final Clock clock;
    /** Null when the history is off. */
    private final LeaderHistory history;
    private final Leadership leadership;
    private final InputFormats formats;

    /**
     * @param history    the change history, open while this instance leads; null when it is off
     * @param leadership whether this instance leads its folder set (the election's)
     * @param formats    how each inbox file is read: through the mapping its name selects, or as change requests
     */
    public SyncConfiguration(SyncSettings settings, TokenProvider tokens, RunSummary summary, Runnable stop, Clock clock,
                             LeaderHistory history, Leadership leadership, InputFormats formats) {
        this.settings = settings;
        this.tokens = tokens;
        this.summary = summary;
        this.stop = stop;
        this.clock = clock;
        this.history = history;
        this.leadership = leadership;
        this.formats = formats;
    }

    @Override
    public void configure(CamelContext camel) throws Exception {
        // every setting was resolved once, file < environment < -D < command line, and checked (a base URL without its
        // trailing slash): placeholders must not read the raw value again from the environment or -D
        if (camel.getPropertiesComponent() instanceof PropertiesComponent placeholders) {
            placeholders.setEnvironmentVariableMode(PropertiesComponent.ENVIRONMENT_VARIABLES_MODE_NEVER);
            placeholders.setSystemPropertiesMode(PropertiesComponent.SYSTEM_PROPERTIES_MODE_NEVER);
        }
        Wiring wiring = new Wiring(camel, settings, clock, metrics(camel.getRegistry()));
        wiring.bind("leadership", leadership);
        LeaderOnlyRoutes leaderOnly = new LeaderOnlyRoutes(camel, leadership);
        wiring.bind("leaderOnly", leaderOnly);
        wiring.healthCheck(leaderOnly.health());
        wiring.bind("syncMetrics", wiring.metrics());
        camel.addStartupListener(new ManagementEndpointsLog());
        PartnerCenterHealth health = new PartnerCenterBeans(wiring, tokens).bind();
        new ChangeRouteBeans(wiring, tokens, health).bind();
        new AddressCheckBeans(wiring, leadership).bind();
        RunMode runMode = new BatchBeans(wiring, summary, stop, history, leadership, formats).bind();
        new SftpBeans(wiring, summary, runMode, leadership).bind();
        wiring.bind("runSummary", summary);
    }

    /** The registry Camel's Prometheus support creates and serves under this name; a private one when metrics are off. */
    private static SyncMetrics metrics(Registry registry) {
        return new SyncMetrics(() -> {
            MeterRegistry served = registry.lookupByNameAndType("metricsRegistry", MeterRegistry.class);
            return served != null ? served : new SimpleMeterRegistry();
        });
    }
}
