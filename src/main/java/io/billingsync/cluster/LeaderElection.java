package io.billingsync.cluster;

import io.billingsync.config.SettingsTable;
import io.billingsync.config.SyncSettings;
import io.billingsync.records.JournalFolder;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.util.concurrent.SizedScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One active writer per folder set: a Camel cluster service elects the instance whose leader-only routes (inbox,
 * desired-state timer, SFTP fetch: {@link LeaderOnlyRoutes}) run: the file lock rooted in the work folder, or a
 * Kubernetes Lease ({@code sync.cluster=kubernetes}). On Camel Main the service must be added to the context here; the
 * {@code camel.cluster.*} keys exist only on Spring Boot and Quarkus.
 */
public final class LeaderElection implements CamelConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(LeaderElection.class);
    /** Under the work folder; a folder of its own keeps the lock apart from the journals. */
    static final String LOCK_FOLDER = ".leader";
    private static final LeaderResource NOTHING_HELD = new LeaderResource() {
        @Override
        public void acquire() {
        }

        @Override
        public void release() {
        }
    };

    private final SyncSettings settings;
    private final LeaderSettings timing;
    private final Runnable stop;
    private final Map<String, String> environment;
    private final Leadership leadership;

    /** @param stop ends a {@code --once} run that did not get the lock in time */
    public LeaderElection(SyncSettings settings, LeaderSettings timing, Runnable stop) {
        this(settings, timing, stop, NOTHING_HELD);
    }

    /**
     * @param stop     ends a {@code --once} run that did not get the lock in time, or one that cannot acquire
     * @param resource what only the leader holds (the change history), acquired on taking the lock
     */
    public LeaderElection(SyncSettings settings, LeaderSettings timing, Runnable stop, LeaderResource resource) {
        this.settings = settings;
        this.timing = timing;
        this.stop = stop;
        // where the Pod's name and namespace are read when the settings leave them empty
        this.environment = System.getenv();
        String lock = onKubernetes() ? KubernetesLease.describe(settings, environment)
                : settings.work().resolve(LOCK_FOLDER).resolve(Leadership.NAMESPACE).toString();
        // journals a crashed leader left for files archived meanwhile go only once no other instance writes them
        this.leadership = new Leadership(lock, () -> JournalFolder.removeOrphans(settings.work(), settings.inbox()),
                resource, stop);
    }

    private boolean onKubernetes() {
        return "kubernetes".equals(settings.value(SettingsTable.CLUSTER));
    }

    public Leadership leadership() {
        return leadership;
    }

    @Override
    public void configure(CamelContext camel) throws Exception {
        CamelClusterService service = onKubernetes() ? KubernetesLease.service(settings, timing, environment) : fileLock();
        camel.addService(service);
        leadership.watch(service.getView(Leadership.NAMESPACE));

        HealthCheckRegistry healthChecks = camel.getCamelContextExtension().getContextPlugin(HealthCheckRegistry.class);
        if (healthChecks != null) {
            healthChecks.register(new LeadershipHealth(leadership));
        }
        camel.addStartupListener((context, alreadyStarted) -> {
            if (alreadyStarted) {
                return; // called again for each route started later: the leader's routes
            }
            MeterRegistry metrics = context.getRegistry().lookupByNameAndType("metricsRegistry", MeterRegistry.class);
            if (metrics != null) {
                Gauge.builder("billing_sync_leader", leadership, l -> l.isLeading() ? 1 : 0)
                        .description("1 while this instance holds the leader lock and processes the inbox, 0 on a standby")
                        .register(metrics);
            }
            if (!leadership.isLeading()) {
                LOG.info("Standby: waiting for the lock {}; only the instance holding it processes the inbox",
                        leadership.lock());
            }
            if (settings.once()) {
                giveUpUnlessLeadingAfter(context);
            }
        });
    }

    private CamelClusterService fileLock() {
        FileLockClusterService service = new FileLockClusterService();
        service.setId(settings.application() + "-" + ProcessHandle.current().pid());
        service.setRoot(settings.work().resolve(LOCK_FOLDER).toString());
        service.setAcquireLockInterval(timing.acquireInterval().toMillis(), TimeUnit.MILLISECONDS);
        service.setAcquireLockDelay(timing.acquireInterval().toMillis(), TimeUnit.MILLISECONDS);
        service.setHeartbeatTimeoutMultiplier(timing.heartbeatTimeoutMultiplier());
        return service;
    }

    /** A --once run never processes beside a leader: without the lock in time it ends (exit code 5). */
    private void giveUpUnlessLeadingAfter(CamelContext camel) {
        ScheduledExecutorService timer = camel.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "LeaderWait");
        if (timer instanceof SizedScheduledExecutorService sized) {
            // a run that ends before the wait is over must not wait for it on shutdown
            sized.getScheduledThreadPoolExecutor().setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        }
        timer.schedule(() -> {
            if (leadership.standByUnlessLed()) {
                LOG.warn("Another instance holds the lock {}: this --once run ends after waiting {} without processing",
                        leadership.lock(), timing.onceWait());
                stop.run();
            }
        }, timing.onceWait().toMillis(), TimeUnit.MILLISECONDS);
    }
}
