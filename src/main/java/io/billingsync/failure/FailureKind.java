package io.billingsync.failure;

/**
 * Why a change failed, in terms of what happens next: the dead-letter category it ends in, the retry rule it follows,
 * and how its dead letter words it. A new kind is one constant here; the answers that mean it are rows of a call's
 * failure answers (partnercenter.PartnerCenterCalls), and its failure is thrown as the exception of its rule, which
 * routes/change-failures.camel.yaml handles in that rule's block (docs/DESIGN.md). A new rule needs a block there.
 */
public enum FailureKind {
    /** The ETag was stale (412, or 400 with code 2055): re-read, re-merge, re-send. */
    CONFLICT(FailureCategory.CONFLICT, Retry.REREAD),
    /** 429: wait for Retry-After, then back off. */
    THROTTLED(FailureCategory.UNAVAILABLE, Retry.WAIT),
    /** 5xx, 408, timeouts, connection failures: retry with backoff. */
    TRANSIENT(FailureCategory.UNAVAILABLE, Retry.WAIT),
    /** 401: refresh the token once and retry; still 401 means the credentials are wrong: processing halts. */
    UNAUTHORIZED(FailureCategory.FORBIDDEN, Retry.NEW_TOKEN),
    /** 401 with code 900421: the token lacks the MFA claim; a refreshed one would too, so processing halts at once. */
    MFA_REQUIRED(FailureCategory.FORBIDDEN, Retry.NEW_TOKEN),
    /** 404: the customer does not exist for this partner. */
    NOT_FOUND(FailureCategory.NOT_FOUND, Retry.NEVER),
    /** 403: the partner or user may not touch this customer. */
    FORBIDDEN(FailureCategory.FORBIDDEN, Retry.NEVER),
    /** Any other 4xx, or an answer that cannot be used: the change itself is wrong; fix and replay. */
    REJECTED(FailureCategory.REJECTED, Retry.NEVER),
    /** The address a change sets breaks its country's rules (Partner Center's country validation rules): no PUT. */
    ADDRESS_INVALID(FailureCategory.INVALID, Retry.NEVER),
    /** Partner Center's address validation answered a status the operator dead-letters (its strict mode). */
    ADDRESS_UNVERIFIED(FailureCategory.INVALID, Retry.NEVER);

    /** How a failure of a kind is retried before its change is dead-lettered: one block each in the failure rules. */
    public enum Retry {
        /** The whole round again (GET, merge, PUT), up to sync.conflict.max-attempts. */
        REREAD,
        /** The round again after Retry-After or a backoff, within sync.retry.max-duration. */
        WAIT,
        /**
         * Once, with a newly issued token; a newly issued token refused too, credentials that cannot be renewed or a
         * token without the MFA claim halt processing instead (never dead-lettered: the credentials are wrong, not
         * the change).
         */
        NEW_TOKEN,
        NEVER
    }

    private final FailureCategory category;
    private final Retry retry;

    FailureKind(FailureCategory category, Retry retry) {
        this.category = category;
        this.retry = retry;
    }

    /** The dead-letter category a change ends in when this failure is final. */
    public FailureCategory category() {
        return category;
    }

    /** The category's word, as written in the records. */
    public String deadLetterCategory() {
        return category.wireName();
    }

    public Retry retry() {
        return retry;
    }

    /**
     * The dead letter's message once retrying is over.
     *
     * @param failure       the last failure's own sentence
     * @param rounds        how many rounds (GET - merge - PUT) were made
     * @param askedToWait   the server asked for a wait (Retry-After) the retry budget could not give
     */
    public String finalMessage(String failure, int rounds, boolean askedToWait) {
        return switch (retry) {
            case REREAD -> "Gave up after " + rounds + " attempts: " + failure;
            case WAIT -> (askedToWait
                    ? "Partner Center asked for a wait (Retry-After) longer than what was left of the retry budget (sync.retry.max-duration): "
                    : "Partner Center stayed unavailable for the whole retry budget (sync.retry.max-duration): ")
                    + failure + " Replay the change when Partner Center is back.";
            case NEW_TOKEN -> "Partner Center refused a newly issued access token too: " + failure
                    + " Processing is halted until the credentials are fixed (docs/AUTHENTICATION.md).";
            case NEVER -> failure;
        };
    }
}
