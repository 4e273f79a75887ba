package io.billingsync.service;

import io.billingsync.batch.FileRetries;
import io.billingsync.batch.InboxBacklog;
import io.billingsync.budget.RequestBudget;
import io.billingsync.cluster.Leadership;
import io.billingsync.config.SettingsTable;
import io.billingsync.config.SyncSettings;
import io.billingsync.metrics.SyncMetrics;
import io.billingsync.monitoring.LiveStatus;
import io.billingsync.monitoring.OperatorGauges;
import io.billingsync.monitoring.StatusEndpoint;
import io.billingsync.partnercenter.TokenProvider;
import io.billingsync.records.DeadLetterIndex;
import io.billingsync.route.PartnerCenterHealth;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's side (docs/MONITORING.md): counts the inbox and the dead letters every
 * {@code sync.status.refresh-interval}, and serves them with what the service keeps in memory as gauges and on
 * {@code /observe/status}. Runs after the service's own wiring, whose beans it reads from the registry.
 */
final class MonitoringWiring implements CamelConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(MonitoringWiring.class);

    private final SyncSettings settings;
    private final TokenProvider tokens;
    private final Leadership leadership;
    private final Clock clock;

    MonitoringWiring(SyncSettings settings, TokenProvider tokens, Leadership leadership, Clock clock) {
        this.settings = settings;
        this.tokens = tokens;
        this.leadership = leadership;
        this.clock = clock;
    }

    @Override
    public void configure(CamelContext camel) throws Exception {
        Registry registry = camel.getRegistry();
        InboxBacklog inbox = new InboxBacklog(settings.inbox(), clock);
        DeadLetterIndex deadLetters = new DeadLetterIndex(settings.deadLetter(), clock);
        SyncMetrics metrics = registry.lookupByNameAndType("syncMetrics", SyncMetrics.class);
        LiveStatus.Sources sources = new LiveStatus.Sources(leadership, inbox, deadLetters,
                registry.lookupByNameAndType("fileRetries", FileRetries.class), metrics.activity(),
                registry.lookupByNameAndType("requestBudget", RequestBudget.class),
                registry.lookupByNameAndType("partnerCenterHealth", PartnerCenterHealth.class), tokens);
        camel.addStartupListener(new StatusEndpoint(new LiveStatus(sources, clock)));
        camel.addStartupListener((context, alreadyStarted) -> {
            if (alreadyStarted) {
                return; // called again for each route started later: the leader's routes
            }
            MeterRegistry served = context.getRegistry().lookupByNameAndType("metricsRegistry", MeterRegistry.class);
            OperatorGauges gauges = served == null ? null : new OperatorGauges(served, sources, clock);
            if (gauges != null) {
                gauges.register();
                metrics.startAtZero();
            }
            Duration interval = settings.value(SettingsTable.STATUS_REFRESH_INTERVAL);
            ScheduledExecutorService counting = context.getExecutorServiceManager()
                    .newSingleThreadScheduledExecutor(this, "StatusCounts");
            counting.scheduleWithFixedDelay(() -> count(inbox, deadLetters, gauges), 0, interval.toMillis(),
                    TimeUnit.MILLISECONDS);
        });
    }

    private static void count(InboxBacklog inbox, DeadLetterIndex deadLetters, OperatorGauges gauges) {
        try {
            inbox.refresh();
            DeadLetterIndex.Summary summary = deadLetters.refresh();
            if (gauges != null) {
                gauges.deadLettersCounted(summary);
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not count the inbox and dead letters for the gauges and the status: {}", e.getMessage());
        }
    }
}
