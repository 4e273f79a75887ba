package io.billingsync.partnercenter;

import io.billingsync.failure.FailureKind;
import java.time.Duration;
import java.util.Objects;

/**
 * A failed Partner Center call. The message is a sentence an operator can act on; it never contains
 * request headers or tokens. Each subclass is the failure of one retry rule ({@link FailureKind.Retry}): the rule
 * its kind declares picks it ({@link #of}), and routes/change-failures.camel.yaml handles each rule's failures by it.
 */
public abstract class PartnerCenterException extends RuntimeException {

    private final FailureKind kind;
    private final Integer httpStatus;
    private final transient PartnerCenterError error;
    private final Duration retryAfter;
    private final boolean responseReceived;

    protected PartnerCenterException(String message, FailureKind kind, Integer httpStatus,
                                     PartnerCenterError error, Duration retryAfter,
                                     boolean responseReceived, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.httpStatus = httpStatus;
        this.error = error;
        this.retryAfter = retryAfter;
        this.responseReceived = responseReceived;
    }

    public FailureKind kind() {
        return kind;
    }

    /** The HTTP status, or null when no response arrived (timeout, connection failure). */
    public Integer httpStatus() {
        return httpStatus;
    }

    /** The server's error body, or null when there was none. */
    public PartnerCenterError error() {
        return error;
    }

    /** How long the server asked us to wait, or null when it did not say. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /**
     * Whether Partner Center answered at all. When false, a re-send must keep the same MS-RequestId
     * (the server may have applied the request without us seeing the answer).
     */
    public boolean responseReceived() {
        return responseReceived;
    }

    /**
     * The failure of a kind, as the exception of the retry rule the kind declares.
     *
     * @param retryAfter the wait the answer asked for; only a failure that waits ({@link FailureKind.Retry#WAIT}) keeps it
     */
    static PartnerCenterException of(FailureKind kind, String message, int httpStatus, PartnerCenterError error,
                                     Duration retryAfter) {
        return switch (kind.retry()) {
            case REREAD -> new ConflictException(message, kind, httpStatus, error);
            case WAIT -> new TransientFailureException(message, kind, httpStatus, error, retryAfter);
            case NEW_TOKEN -> new UnauthorizedException(message, kind, httpStatus, error);
            case NEVER -> new PermanentFailureException(message, kind, httpStatus, error);
        };
    }

    static FailureKind require(FailureKind kind, FailureKind.Retry rule) {
        if (kind.retry() != rule) {
            throw new IllegalArgumentException("kind " + kind + " is retried " + kind.retry() + ", not " + rule);
        }
        return kind;
    }
}
