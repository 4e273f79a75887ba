package io.billingsync.cli;

/** What an operator does about a dead letter of each category (docs/FAILURE-RULES.md), in one sentence. */
final class DeadLetterFixes {
    private DeadLetterFixes() {
    }

    static String of(String category) {
        return switch (category) {
            case "invalid" -> "Correct the change file in the dead-letter folder as the reason says.";
            case "rejected" -> "Partner Center refused the values: correct them in the dead-letter file as the reason says.";
            case "not-found" -> "Check the customer id: the customer is not one of this partner's customers.";
            case "forbidden" -> "Check that the signed-in user and the partner may manage this customer's billing profile.";
            case "conflict" -> "Someone kept changing the profile meanwhile; nothing to correct.";
            case "unavailable" -> "Partner Center was unavailable for the whole retry budget; wait until it answers again.";
            default -> "Read the reason, correct the change file if it says so.";
        };
    }
}
