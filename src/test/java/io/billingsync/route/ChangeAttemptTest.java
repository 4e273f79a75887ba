package io.billingsync.route;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The MS-RequestId each request of a write gets across the rounds the failure rules redeliver. */
class ChangeAttemptTest {

    private static ChangeAttempt attempt() {
        return ChangeAttempt.begin(io.billingsync.change.ChangeWrite.of(ChangeExchanges.change(null)));
    }

    private static String send(ChangeAttempt attempt, String resendKey) {
        String id = attempt.requestIdFor(resendKey);
        attempt.sent(id);
        return id;
    }

    @Test
    void aRequestSentAgainUnchangedAfterNoAnswerKeepsItsIdEvenAfterOtherRequestsWereAnswered() {
        ChangeAttempt attempt = attempt();
        String put = send(attempt, "etag-1/42"); // no answer
        send(attempt, null);
        attempt.answered(); // the re-read was answered

        assertThat(send(attempt, "etag-1/42")).isEqualTo(put);
    }

    @Test
    void anAnsweredRequestOrAChangedOneGetsANewId() {
        ChangeAttempt attempt = attempt();
        String first = send(attempt, "etag-1/42");
        assertThat(send(attempt, "etag-2/42")).as("another ETag: another request").isNotEqualTo(first);

        String answered = send(attempt, "etag-2/42");
        attempt.answered();
        assertThat(send(attempt, "etag-2/42")).isNotEqualTo(answered);
    }

    @Test
    void aRequestWithoutAResendKeyGetsANewIdEveryTime() {
        ChangeAttempt attempt = attempt();
        assertThat(send(attempt, null)).isNotEqualTo(send(attempt, null));
    }
}
