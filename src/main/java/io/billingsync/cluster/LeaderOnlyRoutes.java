package io.billingsync.cluster;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.StartupListener;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.spi.RouteController;
import org.apache.camel.support.RoutePolicySupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routes only the leader runs ({@code routePolicy: leaderOnly} in {@code routes/}: the inbox, the desired-state
 * timer, the SFTP fetch): started once this instance leads, stopped when it no longer does. Camel's {@code master:}
 * consumer gave up starting its consumer when its task ran more than five seconds after the lock was taken (a starved
 * machine, a long GC), leaving a leader that held the lock and consumed nothing. Here one thread of its own brings the
 * routes in line with {@link Leadership} whenever it gets to run, however late, and tries again while a route does not
 * start.
 */
public final class LeaderOnlyRoutes extends RoutePolicySupport implements StartupListener {
    private static final Logger LOG = LoggerFactory.getLogger(LeaderOnlyRoutes.class);
    static final Duration RETRY = Duration.ofSeconds(5);

    private final CamelContext camel;
    private final Leadership leadership;
    /** The routes that are on (a route switched off in the settings is not started on leading either). */
    private final List<String> routeIds = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService worker;
    private volatile String problem;

    public LeaderOnlyRoutes(CamelContext camel, Leadership leadership) throws Exception {
        this.camel = camel;
        this.leadership = leadership;
        leadership.whenChanged(this::follow);
        camel.addStartupListener(this);
    }

    @Override
    public void onInit(Route route) {
        super.onInit(route);
        if (route.isAutoStartup()) {
            routeIds.add(route.getId());
        }
        // started by the leadership, never with the context
        route.setAutoStartup(false);
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
    }

    /** A lock taken while the context was starting is followed once the context can start routes. */
    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        follow();
    }

    /** The health check that says whether a leader consumes. */
    public HealthCheck health() {
        return new LeaderRoutesHealth(leadership, this);
    }

    /** Hands a look at the leadership to this class's thread: never done on the election's own. */
    void follow() {
        lookIn(Duration.ZERO);
    }

    private synchronized void lookIn(Duration delay) {
        if (camel.isStopping() || camel.isStopped()) {
            return;
        }
        if (worker == null) {
            worker = camel.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "LeaderRoutes");
        }
        try {
            worker.schedule(this::align, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            LOG.debug("Not following the leadership: the service stops");
        }
    }

    /** Starts the routes while this instance leads, stops them while it does not; run on this class's thread only. */
    private void align() {
        if (!camel.isStarted()) {
            // not yet started: the context's start calls again; stopping: Camel stops the routes itself
            return;
        }
        boolean leading = leadership.isLeading();
        RouteController routes = camel.getRouteController();
        String failure = null;
        for (String id : routeIds) {
            ServiceStatus status = routes.getRouteStatus(id);
            if (status == null) {
                continue;
            }
            try {
                if (leading && !status.isStarted()) {
                    routes.startRoute(id);
                } else if (!leading && status.isStoppable()) {
                    routes.stopRoute(id);
                }
            } catch (Exception e) {
                failure = "route " + id + " did not " + (leading ? "start" : "stop") + ": " + e.getMessage();
            }
        }
        if (!leading) {
            if (failure != null) {
                LOG.warn("Standby, but {}; only the leader takes files", failure);
            }
            problem = null;
            return;
        }
        List<String> idle = notRunning();
        if (!idle.isEmpty()) {
            notConsuming(failure != null ? failure : "route(s) " + String.join(", ", idle) + " not started");
            lookIn(RETRY);
        } else if (problem != null) {
            LOG.info("Leading and consuming again: every route of the leader runs");
            problem = null;
        }
    }

    /** Logged once per reason; readiness shows it until the routes run. */
    private void notConsuming(String reason) {
        if (!reason.equals(problem)) {
            LOG.warn("Leading, but not consuming: {}; trying again every {}s", reason, RETRY.toSeconds());
        }
        problem = reason;
    }

    /** The routes of the leader that do not run now. */
    List<String> notRunning() {
        RouteController routes = camel.getRouteController();
        return routeIds.stream().filter(id -> {
            ServiceStatus status = routes.getRouteStatus(id);
            return status == null || !status.isStarted();
        }).toList();
    }

    /** Why a route of the leader did not start at its last attempt; null when nothing went wrong. */
    String problem() {
        return problem;
    }
}
