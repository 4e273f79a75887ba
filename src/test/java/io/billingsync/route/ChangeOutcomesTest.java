package io.billingsync.route;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billingsync.change.ChangeToApply;
import io.billingsync.change.ChangeWrite;
import io.billingsync.failure.FailureCategory;
import io.billingsync.partnercenter.ConflictException;
import io.billingsync.partnercenter.CurrentProfile;
import io.billingsync.profile.MergeResult;
import io.billingsync.profile.SimulatedProfiles;
import io.billingsync.records.Outcome;
import io.billingsync.records.SettledChange;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

/** The outcome the apply-change route ends with, from the merge result or the failure, against plain exchanges. */
class ChangeOutcomesTest {
    private final ChangeOutcomes outcomes = new ChangeOutcomes(new FailureDescriptions(),
            Clock.fixed(Instant.parse("2026-01-05T10:00:00Z"), ZoneOffset.UTC));

    private static MergedChange merged(ChangeToApply change, List<String> changed) {
        ObjectNode profile = ChangeExchanges.JSON.createObjectNode().put("email", "new@contoso.com");
        return new MergedChange(ChangeWrite.of(change), new CurrentProfile(profile, "e1"),
                List.of(new MergeResult(profile, changed)), null);
    }

    @Test
    void anUnchangedProfileKeepsItsETag() {
        ChangeToApply change = ChangeExchanges.change(null);
        Exchange exchange = ChangeExchanges.exchange(change, 1);

        SettledChange settled = outcomes.unchanged(merged(change, List.of()), exchange).get(0);

        assertThat(settled.failure()).isNull();
        assertThat(settled.outcome().outcome()).isEqualTo(Outcome.UNCHANGED);
        assertThat(settled.outcome().etagBefore()).isEqualTo("e1");
        assertThat(settled.outcome().etagAfter()).isEqualTo("e1");
        assertThat(settled.outcome().attempts()).isEqualTo(1);
    }

    @Test
    void anAppliedChangeNamesItsFieldsTheNewETagAndTheIds() {
        ChangeToApply change = ChangeExchanges.change(null);
        Exchange exchange = ChangeExchanges.exchange(change, 2);

        SettledChange settled = outcomes.applied(merged(change, List.of("Email")).stored("e2"), exchange).get(0);

        assertThat(settled.outcome().outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(settled.outcome().etagAfter()).isEqualTo("e2");
        assertThat(settled.outcome().changedFields()).containsExactly("Email");
        assertThat(settled.outcome().attempts()).isEqualTo(2);
        assertThat(settled.outcome().requestId()).isEqualTo("req-1");
        assertThat(settled.outcome().correlationId()).isNotBlank();
        assertThat(settled.outcome().index()).isEqualTo(3);
    }

    @Test
    void aDryRunRemembersWhatItWouldHaveWritten() {
        SimulatedProfiles simulation = new SimulatedProfiles();
        ChangeToApply change = ChangeExchanges.change(simulation);
        Exchange exchange = ChangeExchanges.exchange(change, 1);

        SettledChange settled = outcomes.wouldApply(merged(change, List.of("Email")), exchange).get(0);

        assertThat(settled.outcome().outcome()).isEqualTo(Outcome.WOULD_APPLY);
        ObjectNode read = ChangeExchanges.JSON.createObjectNode().put("email", "old@contoso.com");
        assertThat(simulation.profile(ChangeExchanges.CUSTOMER, read).path("email").asText()).isEqualTo("new@contoso.com");
    }

    @Test
    void aChangeGivenUpOnIsDeadLetteredWithItsRecord() {
        Exchange exchange = ChangeExchanges.failed(new ConflictException("The profile changed.", 412, null), 5);

        SettledChange settled = outcomes.deadLetter(exchange).get(0);

        assertThat(settled.outcome().outcome()).isEqualTo(Outcome.DEAD_LETTERED);
        assertThat(settled.outcome().category()).isEqualTo(FailureCategory.CONFLICT);
        assertThat(settled.outcome().message()).isEqualTo("Gave up after 5 attempts: The profile changed.");
        assertThat(settled.failure().sourceFile()).isEqualTo("in.json");
        assertThat(settled.failure().position()).isEqualTo("element 4");
        assertThat(settled.failure().httpStatus()).isEqualTo(412);
        assertThat(settled.failure().requestId()).isEqualTo("req-1");
    }
}
