package io.billingsync.partnercenter;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A call Partner Center answered with a failure: what was being done, for whom, and what it answered. The failure
 * answers of a call ({@link FailureAnswers}) match on it and word their sentences from it.
 *
 * @param action what the call does, as {@link PartnerCenterCall#doing()} says it
 * @param header the answer's headers by name (null when absent); only Retry-After is read
 * @param clock  for a Retry-After given as an HTTP-date
 */
record FailedCall(String action, String customerId, int status, PartnerCenterError error,
                  Function<String, String> header, Clock clock) {

    boolean is(int status) {
        return this.status == status;
    }

    boolean is(int status, String code) {
        return this.status == status && hasCode(code);
    }

    boolean hasCode(String code) {
        return error != null && code.equals(error.code());
    }

    /**
     * Whether the error body names {@code code} anywhere, as a word of its own (a code may come in another field than
     * {@code code}, or in a sentence; not as part of an id).
     */
    boolean mentions(String code) {
        return error != null && Pattern.compile("(?<![0-9A-Za-z])" + Pattern.quote(code) + "(?![0-9A-Za-z])")
                .matcher(error.raw().toString()).find();
    }

    boolean isClientError() {
        return status >= 400 && status < 500;
    }

    boolean isServerError() {
        return status >= 500 && status < 600;
    }

    boolean hasData() {
        return error != null && !error.data().isEmpty();
    }

    /** The wait the Retry-After header asks for; null when it asks none. */
    Duration retryAfterHeader() {
        return RetryAfter.parse(header.apply(PartnerCenterHeaders.RETRY_AFTER), clock).orElse(null);
    }

    /** The wait asked for in the Retry-After header, else in the error's text ("Try again in 57 seconds"); or null. */
    Duration askedWait() {
        return RetryAfter.parse(header.apply(PartnerCenterHeaders.RETRY_AFTER), clock)
                .or(() -> error == null ? Optional.empty() : RetryAfter.fromMessage(error.message()))
                .or(() -> error == null ? Optional.empty() : RetryAfter.fromMessage(error.description()))
                .orElse(null);
    }

    String customer() {
        return MessageText.isBlank(customerId) ? "(unknown)" : MessageText.clip(customerId, 60);
    }

    String doing() {
        return MessageText.isBlank(customerId) ? action : action + " of customer " + customer();
    }

    String statusAndCode() {
        return error == null || error.code() == null
                ? " (HTTP " + status + ")"
                : " (HTTP " + status + ", code " + MessageText.clip(error.code(), 40) + ")";
    }

    String reason() {
        String explanation = explanation();
        return explanation == null ? "" : ": " + explanation;
    }

    String reasonInParentheses() {
        String explanation = explanation();
        return explanation == null ? "" : " (" + explanation + ")";
    }

    /** The server's reason without its final full stop, since the message goes on after it. */
    private String explanation() {
        String explanation = error == null ? null : error.explanation();
        if (explanation == null) {
            return null;
        }
        String trimmed = explanation.replaceAll("[.\\s]+$", "");
        return trimmed.isEmpty() ? null : trimmed;
    }

    String dataItems() {
        return hasData() ? " (" + String.join(", ", clippedData()) + ")" : "";
    }

    List<String> clippedData() {
        return error.data().stream().limit(10).map(i -> MessageText.clip(i, 100)).toList();
    }
}
