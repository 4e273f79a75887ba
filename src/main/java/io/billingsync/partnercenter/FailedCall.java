package io.billingsync.partnercenter;

import java.util.List;

/** A call Partner Center answered with a failure: what was being done, for whom, and what it said. */
record FailedCall(String operation, String customerId, int status, PartnerCenterError error) {

    boolean hasCode(String code) {
        return error != null && code.equals(error.code());
    }

    String customer() {
        return MessageText.isBlank(customerId) ? "(unknown)" : MessageText.clip(customerId, 60);
    }

    String doing() {
        String what = doing(operation);
        return MessageText.isBlank(customerId) ? what : what + " of customer " + customer();
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
        return error == null || error.data().isEmpty() ? ""
                : " (" + String.join(", ", clipped(error.data())) + ")";
    }

    static List<String> clipped(List<String> items) {
        return items.stream().limit(10).map(i -> MessageText.clip(i, 100)).toList();
    }

    static String doing(String operation) {
        if ("PUT".equalsIgnoreCase(operation)) {
            return "updating the billing profile";
        }
        if ("GET".equalsIgnoreCase(operation)) {
            return "reading the billing profile";
        }
        return "calling Partner Center (" + MessageText.clip(operation, 20) + ")";
    }
}
