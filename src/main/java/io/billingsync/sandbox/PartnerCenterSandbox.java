package io.billingsync.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * An embedded simulator of Partner Center, bound to loopback only: a {@link SandboxHandler} per call (the billing
 * profile's, {@link BillingProfileHandler}; a country's address rules; address validation), Partner Center's error bodies, bearer tokens checked, an Azure AD-style
 * token endpoint, and {@link SandboxFaults} for tests, demos and benchmarks. This class starts and stops it and is
 * what tests, demos and benchmarks hold.
 */
public final class PartnerCenterSandbox implements AutoCloseable {
    private final SandboxSettings settings;
    private final BillingProfileStore store = new BillingProfileStore();
    private final SandboxFaults faults = new SandboxFaults();
    private final RequestCounts counts = new RequestCounts();
    private final TokenIssuer tokens;
    private final BillingProfileHandler billingProfiles = new BillingProfileHandler(store, faults);
    private final SandboxDispatcher dispatcher;
    private final SandboxServer server;

    private PartnerCenterSandbox(SandboxSettings settings, SSLContext tls) {
        this.settings = settings;
        Clock clock = Clock.systemUTC();
        this.tokens = new TokenIssuer(settings, clock);
        this.dispatcher = new SandboxDispatcher(settings, faults, counts, tokens, List.of(billingProfiles,
                new CountryRulesHandler(faults), new AddressValidationHandler(faults)), clock);
        this.server = new SandboxServer(dispatcher, tls);
        if (settings.seed()) {
            SeedCustomers.SEEDS.forEach(s -> store.put(s.id(), SeedCustomers.profile(s.id(), s.first(), s.last(), s.company(), s.email())));
        }
    }

    public static PartnerCenterSandbox start(SandboxSettings settings) {
        return listening(new PartnerCenterSandbox(settings, null));
    }

    /** The sandbox over HTTPS, presenting the certificate of {@code tls} (for tests of certificate trust). */
    public static PartnerCenterSandbox startHttps(SandboxSettings settings, SSLContext tls) {
        return listening(new PartnerCenterSandbox(settings, tls));
    }

    private static PartnerCenterSandbox listening(PartnerCenterSandbox sandbox) {
        sandbox.server.listen(sandbox.settings.port());
        return sandbox;
    }

    public URI baseUrl() {
        return server.baseUrl();
    }

    /** The token endpoint for the refresh-token grant (tenant "sandbox"). */
    public URI tokenUrl() {
        return URI.create(baseUrl() + "/sandbox/oauth2/token");
    }

    public int port() {
        return server.port();
    }

    public String staticToken() {
        return settings.staticToken();
    }

    public SandboxSettings settings() {
        return settings;
    }

    public SandboxFaults faults() {
        return faults;
    }

    /** Per-method and per-status counts of the Partner Center requests (the token endpoint's aside), and the 429s answered. */
    public RequestCounts counts() {
        return counts;
    }

    /** Serves Partner Center's calls under this path (e.g. "/pc", as behind a gateway) instead of at the root. */
    public void pathPrefix(String prefix) {
        dispatcher.pathPrefix = prefix;
    }

    /** Stops answering: connections are refused until {@link #restart()}. State is kept. */
    public void stop() {
        server.stop();
    }

    /** Listens again on the same port. */
    public void restart() {
        server.restart();
    }

    @Override
    public void close() {
        stop();
    }

    // ---- state, for tests --------------------------------------------------------------------------------

    public ObjectNode profile(String customerId) {
        return store.get(customerId);
    }

    public Set<String> customerIds() {
        return store.ids();
    }

    public void putCustomer(String customerId, ObjectNode profile) {
        store.put(customerId, profile);
    }

    /** Adds {@code count} customers with deterministic ids, returned in order. */
    public List<String> addCustomers(int count) {
        List<String> ids = new ArrayList<>(count);
        int offset = store.ids().size();
        for (int i = 0; i < count; i++) {
            String id = SeedCustomers.syntheticId(offset + i);
            store.put(id, SeedCustomers.profile(id, "First" + i, "Last" + i, "Company " + i, "billing" + i + "@example.com"));
            ids.add(id);
        }
        return ids;
    }

    /** Changes one top-level field as another writer would (the profile gets a new ETag). */
    public void putCustomerField(String customerId, String field, String value) {
        synchronized (store.lockFor(customerId)) {
            ObjectNode profile = store.get(customerId);
            profile.put(field, value);
            store.put(customerId, profile);
        }
    }

    public void setLatency(Duration latency) {
        faults.latency(latency);
    }

    public List<RecordedRequest> requests() {
        return dispatcher.requests();
    }

    public void clearRequests() {
        dispatcher.clearRequests();
    }

    /** Benchmarks switch the request log off so it does not grow without bound. */
    public void recordRequests(boolean on) {
        dispatcher.recording = on;
    }

    /** The most requests that were waiting out the added latency at one time: the clients' parallelism. */
    public int peakRequestsInFlight() {
        return dispatcher.peakRequestsInFlight();
    }

    public int putCount(String customerId) {
        return billingProfiles.putCount(customerId);
    }

    public String issueRefreshToken() {
        return tokens.issueRefreshToken();
    }

    public void revokeRefreshTokens() {
        tokens.revokeRefreshTokens();
    }

    /** Every access token the token endpoint issued (tests check none of them leaks into logs or records). */
    public Set<String> issuedAccessTokens() {
        return tokens.issuedAccessTokens();
    }

    public Set<String> issuedRefreshTokens() {
        return tokens.issuedRefreshTokens();
    }

    public int tokenRequests() {
        return tokens.requests();
    }
}
