package io.billingsync.route;

import io.billingsync.metrics.TraceAttributes;
import io.billingsync.change.ChangeWrite;
import io.billingsync.partnercenter.AddressValidation;
import io.billingsync.partnercenter.RequestIds;
import java.time.Instant;
import java.util.Set;
import org.apache.camel.Exchange;

/**
 * The retry state of one write (1..N changes of one customer), kept as the exchange property {@value #PROPERTY}
 * across the rounds the failure rules redeliver: the ids sent, the rounds and failures counted so far, the ETag last
 * read, and what address validation said of the address the write sets.
 */
public final class ChangeAttempt {
    public static final String PROPERTY = "changeAttempt";

    private final ChangeWrite write;
    private final String correlationId;

    private int rounds;
    private int conflicts;
    private int transientFailures;
    private Instant firstTransientFailure;
    private boolean tokenRefreshed;
    private String etagBefore;
    private String lastRequestId;
    private long sentAtNanos;
    private Unanswered unanswered;
    private AddressReport addressReport;

    /** A request that got no response: sending the same again keeps its MS-RequestId. */
    private record Unanswered(String resendKey, String requestId) {
    }

    /** What address validation said of {@code address}, which the changes of the write at {@code indexes} set. */
    private record AddressReport(String address, AddressValidation validation, Set<Integer> indexes) {
    }

    ChangeAttempt(ChangeWrite write, String correlationId) {
        this.write = write;
        this.correlationId = correlationId;
    }

    /** The route's first step: a new attempt at the write in the body, under a new correlation id. */
    public static ChangeAttempt begin(ChangeWrite write) {
        ChangeAttempt attempt = new ChangeAttempt(write, RequestIds.newCorrelationId());
        TraceAttributes.write(write.changes().get(0).sourceFile(), write.customerId(), write.changeIds(), attempt.correlationId);
        return attempt;
    }

    static ChangeAttempt of(Exchange exchange) {
        ChangeAttempt attempt = exchange.getProperty(PROPERTY, ChangeAttempt.class);
        if (attempt == null) {
            throw new IllegalStateException("exchange " + exchange.getExchangeId() + " carries no change attempt");
        }
        return attempt;
    }

    public ChangeWrite write() { return write; }
    public String correlationId() { return correlationId; }

    int startRound() { return ++rounds; }
    public int rounds() { return rounds; }
    int recordConflict() { return ++conflicts; }

    int recordTransientFailure(Instant now) {
        if (firstTransientFailure == null) {
            firstTransientFailure = now;
        }
        return ++transientFailures;
    }

    Instant firstTransientFailure() { return firstTransientFailure; }
    boolean tokenRefreshed() { return tokenRefreshed; }
    void markTokenRefreshed() { tokenRefreshed = true; }

    void read(String etag) { etagBefore = etag; }
    public String etagBefore() { return etagBefore; }

    public String lastRequestId() { return lastRequestId; }

    void sent(String requestId) {
        lastRequestId = requestId;
        sentAtNanos = System.nanoTime();
        write.requestSent();
    }

    long sentAtNanos() { return sentAtNanos; }

    /** Address validation said this of the address (as sent to it), set by the changes at these indexes of the file. */
    void addressValidated(String address, AddressValidation validation, Set<Integer> indexes) {
        addressReport = new AddressReport(address, validation, Set.copyOf(indexes));
    }

    /** Whether this address was validated already in an earlier round (a round after a conflict does not ask again). */
    boolean addressValidated(String address) {
        return addressReport != null && addressReport.address().equals(address);
    }

    /** What address validation said of the address the write sets; null when it was not asked. */
    AddressValidation addressValidation() {
        return addressReport == null ? null : addressReport.validation();
    }

    /** What address validation said of the address the change at this index of the file set; null when nothing. */
    AddressValidation addressValidationOf(int index) {
        return addressReport != null && addressReport.indexes().contains(index) ? addressReport.validation() : null;
    }

    /**
     * The MS-RequestId of the next request: a new one, unless it is the same ({@code resendKey}) as a request that got
     * no response, which Partner Center may have applied all the same.
     */
    String requestIdFor(String resendKey) {
        if (resendKey == null) {
            return RequestIds.newRequestId();
        }
        if (unanswered == null || !unanswered.resendKey().equals(resendKey)) {
            unanswered = new Unanswered(resendKey, RequestIds.newRequestId());
        }
        return unanswered.requestId();
    }

    /** The request last sent got a response: what comes next gets a new MS-RequestId. */
    void answered() {
        if (unanswered != null && unanswered.requestId().equals(lastRequestId)) {
            unanswered = null;
        }
    }
}
