package io.billingsync.partnercenter;

import static io.billingsync.partnercenter.FailureAnswers.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billingsync.failure.FailureKind;
import io.billingsync.partnercenter.PartnerCenterCall.Answer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The calls as declared: what their answers are read as, how their failures are classified, where they are sent. */
class PartnerCenterCallsTest {
    private static final String CUSTOMER = "a58ceba5-60ac-48e4-a0bc-2a855811807a";
    private final ResponseClassifier classifier = new ResponseClassifier(Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC));

    /** A call of another resource, declared as a new call would be: its own answer and failure answers. */
    private static final PartnerCenterCall<ObjectNode> THINGS = new PartnerCenterCall<>("things", "GET",
            "/v1/things/{country}/rules", "reading the things", Answer.object("a list of things", (body, header) -> body),
            FailureAnswers.of(
                    when(c -> c.is(404), FailureKind.NOT_FOUND, c -> "No things for this country" + c.statusAndCode() + "."),
                    FailureAnswers.THROTTLED, FailureAnswers.UNAVAILABLE, FailureAnswers.TOKEN_REFUSED,
                    FailureAnswers.UNEXPECTED));

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void thePathsPlaceholdersAreFilledInOrder() {
        assertThat(PartnerCenterCalls.READ_BILLING_PROFILE.pathFor(CUSTOMER))
                .isEqualTo("/v1/customers/" + CUSTOMER + "/profiles/billing");
        assertThat(THINGS.pathFor("PT")).isEqualTo("/v1/things/PT/rules");
        assertThatThrownBy(() -> THINGS.pathFor()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> THINGS.pathFor("PT", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theReadIsTheProfileWithItsEtagAndTheUpdateTheEtagItWasGiven() {
        CurrentProfile read = classifier.read(PartnerCenterCalls.READ_BILLING_PROFILE, CUSTOMER, 200, name -> null,
                utf8("{\"id\":\"x\",\"attributes\":{\"etag\":\"e1\"}}"));
        assertThat(read.etag()).isEqualTo("e1");

        Map<String, String> gateway = Map.of("ETag", "W/\"e2\"");
        assertThat(classifier.read(PartnerCenterCalls.UPDATE_BILLING_PROFILE, CUSTOMER, 200, gateway::get, utf8("{\"id\":\"x\"}")))
                .as("no etag in the body: the header's").isEqualTo("e2");
        assertThat(classifier.read(PartnerCenterCalls.UPDATE_BILLING_PROFILE, CUSTOMER, 204, name -> null, new byte[0]))
                .as("stored, no answer to read an etag from").isNull();
    }

    @Test
    void aNewCallIsReadAndClassifiedAsItDeclaresWithoutTouchingTheClassifier() {
        assertThat(classifier.read(THINGS, CUSTOMER, 200, name -> null, utf8("{\"rules\":[]}")).has("rules")).isTrue();

        PartnerCenterException page = catchThrowableOfType(PartnerCenterException.class,
                () -> classifier.read(THINGS, null, 200, name -> null, utf8("<html>maintenance</html>")));
        assertThat(page.kind()).isEqualTo(FailureKind.TRANSIENT);
        assertThat(page.getMessage()).contains("not a list of things while reading the things (not JSON");

        PartnerCenterException missing = catchThrowableOfType(PartnerCenterException.class,
                () -> classifier.read(THINGS, null, 404, name -> null, new byte[0]));
        assertThat(missing.kind()).isEqualTo(FailureKind.NOT_FOUND);
        assertThat(missing.getMessage()).isEqualTo("No things for this country (HTTP 404).");

        PartnerCenterException busy = catchThrowableOfType(PartnerCenterException.class,
                () -> classifier.read(THINGS, null, 429, Map.of("Retry-After", "3")::get, new byte[0]));
        assertThat(busy).isInstanceOf(TransientFailureException.class);
        assertThat(busy.retryAfter()).hasSeconds(3);
        assertThat(busy.getMessage()).contains("while reading the things.");

        assertThat(catchThrowableOfType(PartnerCenterException.class,
                () -> classifier.read(THINGS, null, 409, name -> null, new byte[0])).getMessage())
                .startsWith("Partner Center answered with an unexpected status (HTTP 409) while reading the things.");
    }

    @Test
    void aCheckAheadOfThePutThatFailsNeverSaysTheChangeWasNotApplied() {
        byte[] noRules = utf8("{\"code\":404,\"description\":\"No validation rules were found for the country/region NL.\"}");
        for (PartnerCenterCall<?> check : new PartnerCenterCall<?>[] {PartnerCenterCalls.READ_COUNTRY_RULES,
                PartnerCenterCalls.VALIDATE_ADDRESS}) {
            String message = catchThrowableOfType(PartnerCenterException.class,
                    () -> classifier.read(check, CUSTOMER, 404, name -> null, noRules)).getMessage();
            // the check is skipped and the change goes on: a message meant for a dead letter would mislead
            assertThat(message).as(check.operation()).contains("(HTTP 404, code 404)", "No validation rules were found")
                    .doesNotContain("not applied").doesNotContain("replay");
        }
    }

    @Test
    void everyKindIsThrownAsTheExceptionOfTheRuleItFollows() {
        for (FailureKind kind : FailureKind.values()) {
            PartnerCenterException failure = PartnerCenterException.of(kind, "m", 400, null, null);
            assertThat(failure.kind()).isEqualTo(kind);
            assertThat(failure).isInstanceOf(switch (kind.retry()) {
                case REREAD -> ConflictException.class;
                case WAIT -> TransientFailureException.class;
                case NEW_TOKEN -> UnauthorizedException.class;
                case NEVER -> PermanentFailureException.class;
            });
        }
    }

    @Test
    void eachRuleThatRetriesHasItsBlockInTheFailureRules() throws IOException {
        String rules = Files.readString(Path.of("routes", "change-failures.camel.yaml"));
        for (FailureKind kind : FailureKind.values()) {
            if (kind.retry() != FailureKind.Retry.NEVER) { // NEVER: the catch-all block, java.lang.Exception
                String exception = PartnerCenterException.of(kind, "m", 400, null, null).getClass().getName();
                assertThat(rules).as(kind + " follows " + kind.retry()).contains("- " + exception + "\n");
            }
        }
    }

    @Test
    void everyCallIsSentByARouteThatSaysItsMethodAndPath() throws IOException {
        String routes = Files.readString(Path.of("routes", "partner-center.camel.yaml"));
        for (PartnerCenterCall<?> call : PartnerCenterCalls.ALL) {
            assertThat(routes).contains("(" + call.method() + " " + call.path() + ")");
        }
    }
}
