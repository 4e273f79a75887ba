package io.billingsync.partnercenter;

/** Why a Partner Center call failed, in terms of what the caller should do next. */
public enum FailureKind {
    /** The ETag was stale (412, or 400 with code 2055): re-read, re-merge, re-send. */
    CONFLICT("conflict"),
    /** 429: wait for Retry-After, then back off. */
    THROTTLED("unavailable"),
    /** 5xx, 408, timeouts, connection failures: retry with backoff. */
    TRANSIENT("unavailable"),
    /** 401: refresh the token once and retry; still 401 means no access. */
    UNAUTHORIZED("forbidden"),
    /** 404: the customer does not exist for this partner. */
    NOT_FOUND("not-found"),
    /** 403: the partner or user may not touch this customer. */
    FORBIDDEN("forbidden"),
    /** Any other 4xx: the change itself is wrong; fix and replay. */
    REJECTED("rejected");

    private final String deadLetterCategory;

    FailureKind(String deadLetterCategory) {
        this.deadLetterCategory = deadLetterCategory;
    }

    /** The dead-letter category (SPEC "Folders and records") a change ends in when this failure is final. */
    public String deadLetterCategory() {
        return deadLetterCategory;
    }

    public boolean retriable() {
        return this == CONFLICT || this == THROTTLED || this == TRANSIENT;
    }
}
