package io.billingsync.failure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Each kind of failure ends in one dead-letter category and is retried by one rule, as the failure rules say. */
class FailureKindTest {

    @Test
    void eachKindHasItsCategoryAndRetryRule() {
        assertThat(FailureKind.CONFLICT.category()).isEqualTo(FailureCategory.CONFLICT);
        assertThat(FailureKind.CONFLICT.retry()).isEqualTo(FailureKind.Retry.REREAD);
        assertThat(FailureKind.THROTTLED.category()).isEqualTo(FailureCategory.UNAVAILABLE);
        assertThat(FailureKind.TRANSIENT.retry()).isEqualTo(FailureKind.Retry.WAIT);
        assertThat(FailureKind.UNAUTHORIZED.category()).isEqualTo(FailureCategory.FORBIDDEN);
        assertThat(FailureKind.UNAUTHORIZED.retry()).isEqualTo(FailureKind.Retry.NEW_TOKEN);
        assertThat(FailureKind.NOT_FOUND.retry()).isEqualTo(FailureKind.Retry.NEVER);
        assertThat(FailureKind.REJECTED.retry()).isEqualTo(FailureKind.Retry.NEVER);
    }

    @Test
    void everyCategoryAFailureCanEndInIsNamedInTheFailureRules() throws IOException {
        String rules = Files.readString(Path.of("routes", "change-failures.camel.yaml"));
        for (FailureKind kind : FailureKind.values()) {
            assertThat(rules).as(kind + "'s category in the failure rules").contains(kind.deadLetterCategory());
        }
    }

    @Test
    void aHaltIsWordedByTheFailureThatCalledForIt() {
        RuntimeException refused = new IllegalStateException("wrapper", new Refused("Azure AD refused the grant"));
        ProcessingHaltedException halt = ProcessingHaltedException.of(refused);
        assertThat(halt).hasMessage("Azure AD refused the grant").hasCause(refused);
        assertThat(ProcessingHaltedException.of(new IllegalStateException("a bug"))).isNull();
    }

    private static final class Refused extends RuntimeException implements HaltingFailure {
        Refused(String message) {
            super(message);
        }
    }
}
