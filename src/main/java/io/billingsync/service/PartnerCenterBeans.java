package io.billingsync.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.billingsync.budget.RequestBudget;
import io.billingsync.budget.RequestBudgetGate;
import io.billingsync.budget.RequestBudgetLastLook;
import io.billingsync.budget.RequestBudgetHealth;
import io.billingsync.config.SettingsTable;
import io.billingsync.config.SyncSettings;
import io.billingsync.metrics.SyncMetrics;
import io.billingsync.partnercenter.BearerAuthorization;
import io.billingsync.partnercenter.CertificateTrust;
import io.billingsync.partnercenter.RequestDeadline;
import io.billingsync.partnercenter.ResponseClassifier;
import io.billingsync.partnercenter.SecretRedaction;
import io.billingsync.partnercenter.TokenProvider;
import io.billingsync.route.PartnerCenterHealth;
import io.billingsync.route.BillingProfileCalls;
import io.billingsync.route.PartnerCenterRequests;
import io.billingsync.route.PartnerCenterResponses;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.apache.camel.component.http.HttpClientConfigurer;

/**
 * The beans that talk to Partner Center: its health, the request budget all lanes share, the HTTP client's set-up
 * (token, deadline, certificate trust, budget), and the requests and answers the partner-center routes use.
 */
final class PartnerCenterBeans {
    private final Wiring wiring;
    private final SyncSettings settings;
    private final TokenProvider tokens;

    PartnerCenterBeans(Wiring wiring, TokenProvider tokens) {
        this.wiring = wiring;
        this.settings = wiring.settings();
        this.tokens = tokens;
    }

    /** @return Partner Center's health, which the failure rules report to */
    PartnerCenterHealth bind() {
        SyncMetrics metrics = wiring.metrics();
        PartnerCenterHealth health = new PartnerCenterHealth(wiring.clock());
        wiring.healthCheck(health);
        wiring.bind("partnerCenterHealth", health);
        RequestBudget budget = requestBudget(metrics);
        wiring.bind("requestBudget", budget);
        wiring.bind("partnerCenterHttpClient", httpClient(budget));
        wiring.bind("partnerCenterRequests", new PartnerCenterRequests(settings.application(), settings.locale()));
        wiring.bind("billingProfileCalls", new BillingProfileCalls(new ObjectMapper()));
        wiring.bind("partnerCenterResponses", new PartnerCenterResponses(new ResponseClassifier(wiring.clock(),
                new SecretRedaction(tokens::tokensInUse)), health, metrics));
        return health;
    }

    /** One budget for all lanes: a 429 pauses every lane, and the optional cap spaces requests across them. */
    private RequestBudget requestBudget(SyncMetrics metrics) {
        RequestBudget budget = new RequestBudget(settings.maxRequestsPerSecond(), wiring.clock(), new RequestBudget.Listener() {
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
        wiring.healthCheck(new RequestBudgetHealth(budget, settings.maxRequestsPerSecond()));
        return budget;
    }

    private HttpClientConfigurer httpClient(RequestBudget budget) {
        BearerAuthorization bearer = new BearerAuthorization(tokens);
        ScheduledExecutorService deadlines = wiring.camel().getExecutorServiceManager()
                .newSingleThreadScheduledExecutor(this, "PartnerCenterRequestDeadlines");
        if (deadlines instanceof ScheduledThreadPoolExecutor pool) {
            pool.setRemoveOnCancelPolicy(true); // nearly every deadline is cancelled: keep the queue short
        }
        RequestDeadline deadline = new RequestDeadline(settings.requestTimeout(), SettingsTable.REQUEST_TIMEOUT.name(), deadlines);
        // a REST API answering small JSON: no cookies, compression, redirects or per-user connection state to manage;
        // no retries inside the client either: every retry is the failure rules' own, counted, logged and in budget.
        // The budget is waited for first (outside the deadline) and looked at again last, right before the wire,
        // where a 429 is also registered first thing
        RequestBudgetLastLook lastLook = new RequestBudgetLastLook(budget, wiring.clock());
        return builder -> builder.addRequestInterceptorFirst(bearer).addResponseInterceptorLast(bearer)
                .addRequestInterceptorLast(lastLook).addResponseInterceptorFirst(lastLook)
                .addExecInterceptorFirst(RequestDeadline.NAME, deadline)
                .addExecInterceptorFirst(CertificateTrust.NAME, new CertificateTrust())
                .addExecInterceptorFirst(RequestBudgetGate.NAME, new RequestBudgetGate(budget))
                .disableCookieManagement().disableContentCompression().disableRedirectHandling().disableConnectionState()
                .disableAutomaticRetries();
    }
}
