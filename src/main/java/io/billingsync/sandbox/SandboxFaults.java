package io.billingsync.sandbox;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Faults the sandbox injects on request, for tests, demos and benchmarks: latency, a concurrent writer between
 * our GET and PUT, stale ETags answered 400/2055, throttling with Retry-After (scripted, or a per-tenant request rate limit), bursts of 5xx, scripted answers
 * for one customer, PUTs lost unanswered, a byte-order mark before GET bodies, credentials refused, stored PUTs answered 201/204/an
 * empty 200, 200 answers that are not a profile, a gateway's ETag header, bodies trickling in, error bodies
 * echoing the request headers, tokens without the MFA claim ({@link MfaClaims}), and what the address checks answer
 * ({@link AddressCheckFaults}).
 */
public final class SandboxFaults {
    record Scripted(int status, String body, int times) {
    }

    /** A PUT that was stored and answered with another success than 200 and the profile. */
    record StoredPutAnswer(int status, String body) {
    }

    /** A 200 whose body is not a billing profile, as a gateway or a cut connection produces it. */
    public enum Glitch {
        /** A maintenance page (text/html); a PUT answered so was not stored. */
        HTML,
        /** A line of plain text; a PUT answered so was not stored. */
        TEXT,
        /** The profile cut in the middle (Content-Length matches what is sent); a PUT answered so was stored. */
        TRUNCATED
    }

    volatile Duration latency = Duration.ZERO;
    volatile boolean staleAs2055;
    volatile boolean bomOnGet;
    final AtomicInteger concurrentModifications = new AtomicInteger();
    final AtomicInteger throttled = new AtomicInteger();
    final AtomicInteger untilThrottled = new AtomicInteger();
    volatile int retryAfterSeconds = 1;
    final AtomicInteger serverErrors = new AtomicInteger();
    volatile int serverErrorStatus = 503;
    final Map<String, Scripted> scripted = new ConcurrentHashMap<>();
    final AtomicInteger lostPuts = new AtomicInteger();
    volatile Duration lostPutHold = Duration.ZERO;
    final AtomicInteger storedPutAnswers = new AtomicInteger();
    volatile StoredPutAnswer storedPutAnswer = new StoredPutAnswer(200, "");
    final Map<String, AtomicInteger> glitches = new ConcurrentHashMap<>();
    volatile Glitch glitch = Glitch.HTML;
    volatile boolean gatewayEtagHeader;
    final AtomicInteger trickles = new AtomicInteger();
    volatile Duration trickleInterval = Duration.ofMillis(500);
    final AtomicInteger headerEchoes = new AtomicInteger();
    volatile boolean refuseCredentials;
    final TenantRateLimit rateLimit = new TenantRateLimit();
    final MfaClaims mfa = new MfaClaims();
    final AddressCheckFaults addressChecks = new AddressCheckFaults();

    public void latency(Duration added) {
        latency = added;
    }

    /** The next {@code count} PUTs find the profile changed by another writer since our GET. */
    public void concurrentModifications(int count) {
        concurrentModifications.set(count);
    }

    /** Answer a stale ETag with 400 and code 2055 instead of 412. */
    public void staleAs2055(boolean on) {
        staleAs2055 = on;
    }

    public void bomOnGet(boolean on) {
        bomOnGet = on;
    }

    /** The next {@code count} requests answer 429 with {@code Retry-After: seconds}. */
    public void throttle(int count, int seconds) {
        retryAfterSeconds = seconds;
        throttled.set(count);
    }

    /**
     * Throttling as Partner Center does it per partner tenant: at most {@code requestsPerSecond} Partner Center
     * requests in any one-second window, the rest answered 429 with {@code Retry-After} (whole seconds until the
     * window has room). 0 switches it off.
     */
    public void rateLimit(int requestsPerSecond) {
        rateLimit.limit(requestsPerSecond);
    }

    /**
     * The {@code n}-th Partner Center request from now answers 429 with {@code Retry-After: seconds}, so a test can
     * throttle once while several customers are in flight.
     */
    public void throttleRequest(int n, int seconds) {
        retryAfterSeconds = seconds;
        untilThrottled.set(n);
    }

    boolean takeThrottledRequest() {
        return untilThrottled.getAndUpdate(n -> n > 0 ? n - 1 : 0) == 1 || take(throttled);
    }

    /** The next {@code count} requests answer {@code status} (500, 502, 503, 504). */
    public void serverErrors(int count, int status) {
        serverErrorStatus = status;
        serverErrors.set(count);
    }

    /** The next request for this customer answers {@code status} with {@code body}. */
    public void answerNext(String customerId, int status, String body) {
        answerNext(customerId, status, body, 1);
    }

    /** The next {@code times} requests for this customer answer {@code status} with {@code body}. */
    public void answerNext(String customerId, int status, String body, int times) {
        scripted.put(BillingProfileStore.key(customerId), new Scripted(status, body, times));
    }

    /**
     * The next {@code count} PUTs are held for {@code hold} and then dropped unanswered and unapplied, as a
     * request lost on the way: with {@code hold} beyond the client's response timeout, the client times out.
     */
    public void losePuts(int count, Duration hold) {
        lostPutHold = hold;
        lostPuts.set(count);
    }

    /**
     * The next {@code count} PUTs are stored as usual but answered {@code status} (201, 204, 200) with
     * {@code body} instead of the updated profile; an empty body sends none (a 204 never has one).
     */
    public void answerStoredPuts(int count, int status, String body) {
        storedPutAnswer = new StoredPutAnswer(status, body);
        storedPutAnswers.set(count);
    }

    /** The next {@code count} requests with this method ("GET" or "PUT") answer 200 with a {@code kind} body. */
    public void glitches(String method, int count, Glitch kind) {
        glitch = kind;
        glitches.computeIfAbsent(method, m -> new AtomicInteger()).set(count);
    }

    /**
     * Profiles are answered with an {@code ETag} header that differs from their {@code attributes.etag}, as a
     * gateway adding its own weak hash of the body does.
     */
    public void gatewayEtagHeader(boolean on) {
        gatewayEtagHeader = on;
    }

    /**
     * The next {@code count} profile answers send their headers at once, then the body one byte every
     * {@code interval}, so no single read waits long but the whole answer takes minutes.
     */
    public void trickle(int count, Duration interval) {
        trickleInterval = interval;
        trickles.set(count);
    }

    /**
     * The next {@code count} requests answer 400 with an error body echoing the request's headers, the
     * {@code Authorization} header and the bare bearer token included, as some gateways do.
     */
    public void echoRequestHeaders(int count) {
        headerEchoes.set(count);
    }

    Glitch takeGlitch(String method) {
        AtomicInteger left = glitches.get(method);
        return left != null && take(left) ? glitch : null;
    }

    /** While on, every Partner Center request answers 401, whatever its token (credentials revoked, then restored). */
    public void refuseCredentials(boolean on) {
        refuseCredentials = on;
    }

    /** Whether the tokens carry the MFA claim, and whether Partner Center enforces it (401 with code 900421). */
    public MfaClaims mfa() {
        return mfa;
    }

    /** What the country rules and address validation answer. */
    public AddressCheckFaults addressChecks() {
        return addressChecks;
    }

    /** The scripted answer for this customer's request, if one is left. */
    Scripted takeScripted(String customerKey) {
        Scripted[] taken = new Scripted[1];
        scripted.computeIfPresent(customerKey, (key, next) -> {
            taken[0] = next;
            return next.times() > 1 ? new Scripted(next.status(), next.body(), next.times() - 1) : null;
        });
        return taken[0];
    }

    public void reset() {
        latency = Duration.ZERO;
        staleAs2055 = false;
        bomOnGet = false;
        concurrentModifications.set(0);
        throttled.set(0);
        untilThrottled.set(0);
        serverErrors.set(0);
        scripted.clear();
        lostPuts.set(0);
        storedPutAnswers.set(0);
        glitches.clear();
        gatewayEtagHeader = false;
        trickles.set(0);
        headerEchoes.set(0);
        refuseCredentials = false;
        rateLimit.limit(0);
        mfa.reset();
        addressChecks.reset();
    }

    static boolean take(AtomicInteger counter) {
        return counter.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }
}
