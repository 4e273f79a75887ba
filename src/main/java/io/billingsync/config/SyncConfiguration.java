package io.billingsync.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.billingsync.budget.RequestBudget;
import io.billingsync.budget.RequestBudgetGate;
import io.billingsync.budget.RequestBudgetHealth;
import io.billingsync.budget.RequestBudgetLastLook;
import io.billingsync.batch.ChangeApplier;
import io.billingsync.batch.ChangeFiles;
import io.billingsync.batch.ChangeGroups;
import io.billingsync.batch.CustomerLanes;
import io.billingsync.batch.DesiredState;
import io.billingsync.batch.FileChanges;
import io.billingsync.batch.FileRetries;
import io.billingsync.batch.InboxFiles;
import io.billingsync.batch.InboxFileFilter;
import io.billingsync.cluster.Leadership;
import io.billingsync.batch.UnusableFileNames;
import io.billingsync.batch.RunMode;
import io.billingsync.batch.RunSummary;
import io.billingsync.change.ChangeFileReader;
import io.billingsync.partnercenter.Backoff;
import io.billingsync.partnercenter.BearerAuthorization;
import io.billingsync.partnercenter.CertificateTrust;
import io.billingsync.partnercenter.ResponseClassifier;
import io.billingsync.partnercenter.RequestDeadline;
import io.billingsync.partnercenter.RetryBudget;
import io.billingsync.partnercenter.SecretRedaction;
import io.billingsync.partnercenter.TokenProvider;
import io.billingsync.profile.ProfileMerger;
import io.billingsync.records.DeadLetterFolder;
import io.billingsync.records.DoneFolder;
import io.billingsync.records.ResultRecordWriter;
import io.billingsync.route.ChangeMerge;
import io.billingsync.route.ChangeOutcomes;
import io.billingsync.route.FailureDescriptions;
import io.billingsync.batch.InboxHealth;
import io.billingsync.route.PartnerCenterHealth;
import io.billingsync.route.PartnerCenterRequests;
import io.billingsync.route.PartnerCenterResponses;
import io.billingsync.route.RetryDecisions;
import io.billingsync.route.WriteFallback;
import io.billingsync.metrics.SyncMetrics;
import io.billingsync.history.HistoryFilter;
import io.billingsync.history.HistoryGate;
import io.billingsync.history.LeaderHistory;
import io.billingsync.service.ManagementEndpointsLog;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.camel.component.properties.PropertiesComponent;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.spi.Registry;

/** Creates the service's beans from its settings and binds them under the names the routes use. */
public final class SyncConfiguration implements CamelConfiguration {

    private final SyncSettings settings;
    private final TokenProvider tokens;
    private final RunSummary summary;
    private final Runnable stop;
    private final Clock clock;
    /** Null when the history is off. */
    private final LeaderHistory history;

    /** @param history the change history, open while this instance leads; null when it is off */
    public SyncConfiguration(SyncSettings settings, TokenProvider tokens, RunSummary summary, Runnable stop, Clock clock,
                             LeaderHistory history) {
        this.settings = settings;
        this.tokens = tokens;
        this.summary = summary;
        this.stop = stop;
        this.clock = clock;
        this.history = history;
    }

    @Override
    public void configure(CamelContext camel) throws Exception {
        // every setting was resolved once, file < environment < -D < command line, and checked (a base URL without its
        // trailing slash): placeholders must not read the raw value again from the environment or -D
        if (camel.getPropertiesComponent() instanceof PropertiesComponent placeholders) {
            placeholders.setEnvironmentVariableMode(PropertiesComponent.ENVIRONMENT_VARIABLES_MODE_NEVER);
            placeholders.setSystemPropertiesMode(PropertiesComponent.SYSTEM_PROPERTIES_MODE_NEVER);
        }
        Registry registry = camel.getRegistry();
        HealthCheckRegistry healthChecks = camel.getCamelContextExtension().getContextPlugin(HealthCheckRegistry.class);
        SyncMetrics metrics = metrics(registry);
        PartnerCenterHealth health = partnerCenterHealth(healthChecks);
        registry.bind("partnerCenterHealth", health);
        camel.addStartupListener(new ManagementEndpointsLog());
        RequestBudget budget = requestBudget(healthChecks, metrics);
        registry.bind("requestBudget", budget);
        registry.bind("partnerCenterHttpClient", partnerCenterHttpClient(camel, budget));
        registry.bind("partnerCenterRequests", partnerCenterRequests());
        registry.bind("partnerCenterResponses", partnerCenterResponses(health, metrics));
        registry.bind("changeMerge", new ChangeMerge(new ProfileMerger()));

        DeadLetterFolder deadLetters = new DeadLetterFolder(settings.deadLetter());
        registry.bind("changeOutcomes", changeOutcomes());
        registry.bind("retryDecisions", retryDecisions(health, metrics));
        registry.bind("writeFallback", new WriteFallback());

        RunMode runMode = new RunMode(settings.once(), stop);
        registry.bind("runMode", runMode);
        HistoryGate historyGate = history == null ? null
                : new HistoryGate(history, settings.historyRetention(), settings.dryRun(), clock);
        registry.bind("historyFilter", new HistoryFilter(historyGate));
        FileChanges fileChanges = fileChanges(camel, metrics, deadLetters, historyGate);
        DoneFolder done = new DoneFolder(settings.done());
        ChangeFiles changeFiles = new ChangeFiles(fileChanges, deadLetters, done, new ResultRecordWriter(), summary,
                settings.work(), settings.dryRun(), clock);
        registry.bind("desiredState", new DesiredState(fileChanges, done, new ResultRecordWriter(), settings.work(),
                settings.desiredStateFile(), settings.dryRun(), clock));
        FileRetries retries = new FileRetries(settings.inbox(), settings.pollInterval(), settings.inboxMaxBackoff(), clock);
        registry.bind("inboxFiles", new InboxFiles(changeFiles, retries, summary, runMode, metrics, stopping(camel)));
        if (healthChecks != null) {
            healthChecks.register(new InboxHealth(retries));
        }
        registry.bind("inboxFileFilter", inboxFileFilter(camel, deadLetters));
        registry.bind("runSummary", summary);
    }

    /** The registry Camel's Prometheus support creates and serves under this name; a private one when metrics are off. */
    private static SyncMetrics metrics(Registry registry) {
        return new SyncMetrics(() -> {
            MeterRegistry served = registry.lookupByNameAndType("metricsRegistry", MeterRegistry.class);
            return served != null ? served : new SimpleMeterRegistry();
        });
    }

    private PartnerCenterHealth partnerCenterHealth(HealthCheckRegistry healthChecks) {
        PartnerCenterHealth health = new PartnerCenterHealth(clock);
        if (healthChecks != null) {
            healthChecks.register(health);
        }
        return health;
    }

    /** One budget for all lanes: a 429 pauses every lane, and the optional cap spaces requests across them. */
    private RequestBudget requestBudget(HealthCheckRegistry healthChecks, SyncMetrics metrics) {
        RequestBudget budget = new RequestBudget(settings.maxRequestsPerSecond(), clock, new RequestBudget.Listener() {
            @Override
            public void heldBack(RequestBudget.HeldBack why, Duration waited) {
                metrics.heldBack(why == RequestBudget.HeldBack.THROTTLED ? "throttled" : "rate-cap", waited);
            }

            @Override
            public void sent() {
                metrics.requestSent();
            }
        });
        if (budget.capped()) {
            metrics.effectiveRequestsPerSecond(budget::effectivePerSecond);
        }
        if (healthChecks != null) {
            healthChecks.register(new RequestBudgetHealth(budget, settings.maxRequestsPerSecond()));
        }
        return budget;
    }

    private HttpClientConfigurer partnerCenterHttpClient(CamelContext camel, RequestBudget budget) {
        BearerAuthorization bearer = new BearerAuthorization(tokens);
        ScheduledExecutorService deadlines = camel.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "PartnerCenterRequestDeadlines");
        if (deadlines instanceof ScheduledThreadPoolExecutor pool) {
            pool.setRemoveOnCancelPolicy(true); // nearly every deadline is cancelled: keep the queue short
        }
        RequestDeadline deadline = new RequestDeadline(settings.requestTimeout(), SettingsTable.REQUEST_TIMEOUT.name(), deadlines);
        // a REST API answering small JSON: no cookies, compression, redirects or per-user connection state to manage;
        // no retries inside the client either: every retry is the failure rules' own, counted, logged and in budget.
        // The budget is waited for first (outside the deadline) and looked at again last, right before the wire,
        // where a 429 is also registered first thing
        RequestBudgetLastLook lastLook = new RequestBudgetLastLook(budget, clock);
        return builder -> builder.addRequestInterceptorFirst(bearer).addResponseInterceptorLast(bearer)
                .addRequestInterceptorLast(lastLook).addResponseInterceptorFirst(lastLook)
                .addExecInterceptorFirst(RequestDeadline.NAME, deadline)
                .addExecInterceptorFirst(CertificateTrust.NAME, new CertificateTrust())
                .addExecInterceptorFirst(RequestBudgetGate.NAME, new RequestBudgetGate(budget))
                .disableCookieManagement().disableContentCompression().disableRedirectHandling().disableConnectionState()
                .disableAutomaticRetries();
    }

    private PartnerCenterRequests partnerCenterRequests() {
        return new PartnerCenterRequests(new ObjectMapper(), settings.application(), settings.locale());
    }

    private PartnerCenterResponses partnerCenterResponses(PartnerCenterHealth health, SyncMetrics metrics) {
        return new PartnerCenterResponses(new ResponseClassifier(clock, new SecretRedaction(tokens::tokensInUse)), health, metrics);
    }

    private ChangeOutcomes changeOutcomes() {
        return new ChangeOutcomes(new FailureDescriptions(), clock);
    }

    private RetryDecisions retryDecisions(PartnerCenterHealth health, SyncMetrics metrics) {
        return new RetryDecisions(settings.conflictMaxAttempts(),
                jitteredBackoff(settings.conflictBackoff(), settings.conflictBackoffCeiling()),
                new RetryBudget(settings.retryMaxDuration(), jitteredBackoff(settings.retryInitialBackoff(), settings.retryMaxBackoff())),
                tokens, health, metrics, clock);
    }

    private static Backoff jitteredBackoff(Duration first, Duration longest) {
        return new Backoff(first, longest, 2.0, () -> ThreadLocalRandom.current().nextDouble());
    }

    private FileChanges fileChanges(CamelContext camel, SyncMetrics metrics, DeadLetterFolder deadLetters,
                                    HistoryGate historyGate) {
        CustomerLanes lanes = new CustomerLanes(settings.concurrency(), settings.concurrency() * 64);
        ChangeApplier applier = new ChangeApplier(camel.createProducerTemplate(), metrics);
        return new FileChanges(ChangeFileReader.withClock(clock, settings.changedAtClockSkew()), lanes, applier, deadLetters,
                new ChangeGroups(settings.coalesceMaxChanges(), settings.concurrency() * 64), settings.dryRun(),
                settings.progressInterval(), stopping(camel), clock, historyGate);
    }

    private InboxFileFilter inboxFileFilter(CamelContext camel, DeadLetterFolder deadLetters) {
        UnusableFileNames.warnUnlessUtf8();
        return new InboxFileFilter(new UnusableFileNames(settings.inbox(), deadLetters, summary, settings.dryRun(), clock),
                () -> Leadership.leads(camel));
    }

    private static BooleanSupplier stopping(CamelContext camel) {
        return () -> camel.isStopping() || camel.isStopped();
    }
}
