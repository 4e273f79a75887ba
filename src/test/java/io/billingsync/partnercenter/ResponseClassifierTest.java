package io.billingsync.partnercenter;

import io.billingsync.failure.FailureKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ResponseClassifierTest {

    private static final String CUSTOMER = "a58ceba5-60ac-48e4-a0bc-2a855811807a";
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private static final PartnerCenterCall<?> GET = PartnerCenterCalls.READ_BILLING_PROFILE;
    private static final PartnerCenterCall<?> PUT = PartnerCenterCalls.UPDATE_BILLING_PROFILE;

    private final ResponseClassifier classifier = new ResponseClassifier(Clock.fixed(NOW, ZoneOffset.UTC));

    private PartnerCenterException failure(PartnerCenterCall<?> call, int status, Map<String, String> headers, String body) {
        Function<String, String> header = headers::get;
        return catchThrowableOfType(PartnerCenterException.class, () -> classifier.check(call, CUSTOMER, status,
                header, body == null ? null : body.getBytes(StandardCharsets.UTF_8)));
    }

    private PartnerCenterException failure(int status, String body) {
        return failure(PUT, status, Map.of(), body);
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 201, 204, 299})
    void successfulStatusesPass(int status) {
        assertThatCode(() -> classifier.check(PUT, CUSTOMER, status, h -> null, new byte[0]))
                .doesNotThrowAnyException();
    }

    @Test
    void aTwoHundredReturnsTheProfileWithoutItsByteOrderMark() {
        byte[] body = ("\uFEFF{\"id\":\"x\",\"attributes\":{\"etag\":\"e\"}}").getBytes(StandardCharsets.UTF_8);

        assertThat(classifier.check(GET, CUSTOMER, 200, h -> null, body).fieldNames()).toIterable().first().isEqualTo("id");
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 201, 204})
    void aPutAnsweredWithoutABodyIsStored(int status) {
        assertThat(classifier.check(PUT, CUSTOMER, status, h -> null, new byte[0])).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"<html><body>Down for maintenance</body></html>", "Service is being updated.",
            "{\"id\":\"x\",\"attributes\":{\"et", "[{\"attributes\":{\"etag\":\"e\"}}]", "{\"id\":1} {}", "  "})
    void aTwoHundredThatIsNotAProfileIsAGlitchRetriedLikeA503(String body) {
        PartnerCenterException e = failure(GET, 200, Map.of(), body);

        assertThat(e).isInstanceOf(TransientFailureException.class);
        assertThat(e.kind()).isEqualTo(FailureKind.TRANSIENT);
        assertThat(e.httpStatus()).isEqualTo(200);
        assertThat(e.responseReceived()).isTrue();
        assertThat(e.getMessage()).contains("not a billing profile", "reading the billing profile of customer " + CUSTOMER)
                .contains(body.isBlank() ? "the body is empty" : body.substring(0, Math.min(body.length(), 12)));
    }

    @Test
    void aPutAnsweredWithAPageThatIsNotAProfileIsAGlitchToo() {
        PartnerCenterException e = failure(PUT, 200, Map.of(), "<html>Sign in</html>");

        assertThat(e).isInstanceOf(TransientFailureException.class);
        assertThat(e.error().raw().asText()).isEqualTo("<html>Sign in</html>");
    }

    @Test
    void tokensEchoedInAnErrorBodyAreRedactedBeforeAnythingKeepsIt() {
        String token = "eyJ0eXAiOiJKV1Qi.current-token";
        ResponseClassifier redacting = new ResponseClassifier(Clock.fixed(NOW, ZoneOffset.UTC),
                new SecretRedaction(() -> List.of(token)));
        String body = "{\"code\":3000,\"description\":\"Headers: Authorization: Bearer " + token
                + "; MS-RequestId: r1\",\"data\":[\"token=" + token + "\"],"
                + "\"requestHeaders\":{\"Authorization\":\"Bearer " + token + "\"}}";

        PartnerCenterException e = catchThrowableOfType(PartnerCenterException.class, () -> redacting.check(PUT,
                CUSTOMER, 400, h -> null, body.getBytes(StandardCharsets.UTF_8)));

        assertThat(e.error().raw().toString()).doesNotContain(token).contains("MS-RequestId: r1", "[redacted]");
        assertThat(e.getMessage()).doesNotContain(token);
        assertThat(e.error().data()).containsExactly("token=[redacted]");
    }

    @Test
    void preconditionFailedIsAConflict() {
        PartnerCenterException e = failure(412, "");

        assertThat(e).isInstanceOf(ConflictException.class);
        assertThat(e.kind()).isEqualTo(FailureKind.CONFLICT);
        assertThat(e.httpStatus()).isEqualTo(412);
        assertThat(e.error()).isNull();
        assertThat(e.responseReceived()).isTrue();
        assertThat(e.getMessage())
                .startsWith("The billing profile of customer " + CUSTOMER + " changed while it was being updated (HTTP 412)")
                .contains("apply the change again");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2055", "\"2055\""})
    void badRequestWithCode2055IsAConflict(String code) {
        PartnerCenterException e = failure(400, "{\"code\":" + code + ",\"description\":\"Etag is no longer valid.\",\"data\":[],\"source\":\"PartnerFD\"}");

        assertThat(e).isInstanceOf(ConflictException.class);
        assertThat(e.error().code()).isEqualTo("2055");
        assertThat(e.getMessage()).contains("(HTTP 400, code 2055): Etag is no longer valid. Re-read");
    }

    @Test
    void tooManyRequestsWaitsForRetryAfterSeconds() {
        PartnerCenterException e = failure(GET, 429, Map.of("Retry-After", "30"), "");

        assertThat(e).isInstanceOf(TransientFailureException.class);
        assertThat(e.kind()).isEqualTo(FailureKind.THROTTLED);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(e.getMessage()).contains("throttling").contains("HTTP 429").contains("Retry after 30 seconds");
    }

    @Test
    void tooManyRequestsWaitsUntilAnHttpDate() {
        PartnerCenterException e = failure(GET, 429, Map.of("Retry-After", "Sun, 01 Mar 2026 10:02:00 GMT"), "");

        assertThat(e.retryAfter()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void tooManyRequestsFallsBackToTheMessage() {
        PartnerCenterException e = failure(PUT, 429, Map.of(),
                "{\"statusCode\":429,\"message\":\"Rate limit is exceeded. Try again in 57 seconds.\"}");

        assertThat(e.kind()).isEqualTo(FailureKind.THROTTLED);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(57));
        assertThat(e.error().message()).contains("Rate limit");
        assertThat(e.getMessage()).contains("Rate limit is exceeded").contains("Retry after 57 seconds");
    }

    @Test
    void theHeaderWinsOverTheMessage() {
        PartnerCenterException e = failure(PUT, 429, Map.of("Retry-After", "5"),
                "{\"statusCode\":429,\"message\":\"Rate limit is exceeded. Try again in 57 seconds.\"}");

        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void tooManyRequestsWithoutAnyHintHasNoRetryAfter() {
        PartnerCenterException e = failure(PUT, 429, Map.of("Retry-After", "soon"), "");

        assertThat(e.kind()).isEqualTo(FailureKind.THROTTLED);
        assertThat(e.retryAfter()).isNull();
        assertThat(e.getMessage()).contains("Retry with backoff");
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 500, 502, 503, 504, 507, 599})
    void serverErrorsAndRequestTimeoutAreTransient(int status) {
        PartnerCenterException e = failure(status, "<html>Service Unavailable</html>");

        assertThat(e).isInstanceOf(TransientFailureException.class);
        assertThat(e.kind()).isEqualTo(FailureKind.TRANSIENT);
        assertThat(e.httpStatus()).isEqualTo(status);
        assertThat(e.responseReceived()).isTrue();
        assertThat(e.error().raw().asText()).contains("Service Unavailable");
        assertThat(e.getMessage()).contains("temporarily unavailable (HTTP " + status + ")")
                .contains("updating the billing profile of customer " + CUSTOMER);
    }

    @Test
    void unavailableHonoursRetryAfter() {
        assertThat(failure(GET, 503, Map.of("Retry-After", "120"), "").retryAfter())
                .isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void unauthorizedAsksForAFreshToken() {
        PartnerCenterException e = failure(GET, 401, Map.of(), "");

        assertThat(e).isInstanceOf(UnauthorizedException.class);
        assertThat(e.kind()).isEqualTo(FailureKind.UNAUTHORIZED);
        assertThat(e.getMessage()).contains("HTTP 401").contains("Refresh the token").contains("partnercenter.token");
    }

    @Test
    void aTokenWithoutTheMfaClaimIsNamedWithWhatToDoWhereverTheCodeComes() {
        PartnerCenterException inCode = failure(GET, 401, Map.of(), "{\"code\":900421,\"description\":\"MFA required.\"}");
        PartnerCenterException inText = failure(GET, 401, Map.of(), "{\"error\":\"AADSTS: error 900421, no MFA claim\"}");

        for (PartnerCenterException e : List.of(inCode, inText)) {
            assertThat(e).isInstanceOf(UnauthorizedException.class);
            assertThat(e.kind()).isEqualTo(FailureKind.MFA_REQUIRED);
            assertThat(e.getMessage()).contains("MFA claim", "consent again", "AUTHENTICATION.md");
        }
        assertThat(inCode.getMessage()).contains("HTTP 401, code 900421");
        assertThat(failure(GET, 403, Map.of(), "{\"code\":900421}").kind()).as("only a 401").isEqualTo(FailureKind.FORBIDDEN);
        assertThat(failure(GET, 401, Map.of(), "{\"requestId\":\"a900421b-1900421\"}").kind()).as("not part of an id")
                .isEqualTo(FailureKind.UNAUTHORIZED);
    }

    @Test
    void forbiddenIsPermanentWithTheServersReason() {
        PartnerCenterException e = failure(403,
                "{\"code\":20002,\"description\":\"There is no commerce relationship with this customer\"}");

        assertThat(e).isInstanceOf(PermanentFailureException.class);
        assertThat(e.kind()).isEqualTo(FailureKind.FORBIDDEN);
        assertThat(e.getMessage()).startsWith("Partner Center refused access to customer " + CUSTOMER
                + " (HTTP 403, code 20002): There is no commerce relationship with this customer. Check");
    }

    @Test
    void notFoundNamesTheCustomer() {
        PartnerCenterException e = failure(GET, 404, Map.of(), "{\"code\":1000,\"description\":\"Customer not found\"}");

        assertThat(e).isInstanceOf(PermanentFailureException.class);
        assertThat(e.kind()).isEqualTo(FailureKind.NOT_FOUND);
        assertThat(e.getMessage()).isEqualTo("Customer " + CUSTOMER
                + " was not found in Partner Center (HTTP 404, code 1000): Customer not found. Check the customerId.");
    }

    @Test
    void invalidCustomerIdIsRejectedAndPointsAtTheCustomerId() {
        PartnerCenterException e = failure(400, "{\"code\":900118,\"description\":\"Invalid customer id\"}");

        assertThat(e.kind()).isEqualTo(FailureKind.REJECTED);
        assertThat(e.getMessage()).contains(CUSTOMER).contains("code 900118").contains("Check the customerId");
    }

    @ParameterizedTest
    @ValueSource(strings = {"3000", "27002", "\"27002\""})
    void invalidPropertyListsTheData(String code) {
        PartnerCenterException e = failure(400, "{\"code\":" + code
                + ",\"description\":\"Address is invalid\",\"data\":[\"StateInvalid\"],\"source\":\"PartnerFD\"}");

        assertThat(e).isInstanceOf(PermanentFailureException.class);
        assertThat(e.kind()).isEqualTo(FailureKind.REJECTED);
        assertThat(e.error().data()).containsExactly("StateInvalid");
        assertThat(e.getMessage())
                .startsWith("Partner Center rejected the change for customer " + CUSTOMER)
                .contains("(HTTP 400, code " + code.replace("\"", "") + "): invalid property StateInvalid (Address is invalid)")
                .endsWith("Fix the field in the change file and replay it.");
    }

    @Test
    void missingPhoneNumberSaysWhatToAdd() {
        PartnerCenterException e = failure(400, "{\"code\":600051,\"description\":\"Phone number is required\"}");

        assertThat(e.kind()).isEqualTo(FailureKind.REJECTED);
        assertThat(e.getMessage()).contains("code 600051").contains("phone number is required for the address's country")
                .contains("defaultAddress.phoneNumber").contains("replay");
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 405, 409, 413, 422})
    void otherClientErrorsAreRejected(int status) {
        PartnerCenterException e = failure(status, "{\"code\":\"12345\",\"message\":\"Something is wrong\"}");

        assertThat(e).isInstanceOf(PermanentFailureException.class);
        assertThat(e.kind()).isEqualTo(FailureKind.REJECTED);
        assertThat(e.getMessage()).contains("(HTTP " + status + ", code 12345): Something is wrong")
                .endsWith("Fix the change file and replay it.");
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 301, 304})
    void unexpectedStatusesAreRejected(int status) {
        PartnerCenterException e = failure(status, "");

        assertThat(e.kind()).isEqualTo(FailureKind.REJECTED);
        assertThat(e.getMessage()).contains("unexpected status (HTTP " + status + ")")
                .contains("partnercenter.base-url");
    }

    @Test
    void messagesNeverCarryHeaders() {
        String secret = "eyJ0eXAiOiJKV1QiLCJhbGciOi.secret.token";
        Function<String, String> everyHeader = name -> name.equalsIgnoreCase("Retry-After") ? null : secret;
        for (int status : new int[] {400, 401, 403, 404, 412, 429, 500}) {
            PartnerCenterException e = catchThrowableOfType(PartnerCenterException.class,
                    () -> classifier.check(GET, CUSTOMER, status, everyHeader, new byte[0]));
            assertThat(e.getMessage()).doesNotContain(secret);
        }
    }

    @Test
    void serverTextIsKeptOnOneLine() {
        PartnerCenterException e = failure(400, "{\"code\":1,\"description\":\"bad\\r\\nX-Injected: yes\"}");

        assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("\r").contains("bad X-Injected: yes");
    }

    @Test
    void aTimeoutIsTransientWithoutAResponse() {
        TransientFailureException e = ConnectionFailures.of("PUT", new SocketTimeoutException("Read timed out"));

        assertThat(e.kind()).isEqualTo(FailureKind.TRANSIENT);
        assertThat(e.httpStatus()).isNull();
        assertThat(e.responseReceived()).isFalse();
        assertThat(e.retryAfter()).isNull();
        assertThat(e.getMessage()).contains("updating the billing profile").contains("timed out")
                .contains("SocketTimeoutException: Read timed out").contains("keeps its MS-RequestId");
    }

    @Test
    void aRefusedConnectionIsNamedEvenWhenWrapped() {
        Exception wrapped = new RuntimeException("route failed", new IOException("io", new ConnectException("Connection refused")));

        TransientFailureException e = ConnectionFailures.of("GET", wrapped);

        assertThat(e.getMessage()).contains("reading the billing profile").contains("connection was refused")
                .contains("ConnectException: Connection refused").doesNotContain("route failed");
        assertThat(e.getCause()).isSameAs(wrapped);
    }

    @Test
    void anUnknownHostIsNamed() {
        assertThat(ConnectionFailures.of("GET", new UnknownHostException("api.example")).getMessage())
                .contains("host name could not be resolved");
    }

    @Test
    void anUnrecognisedFailureIsStillTransient() {
        TransientFailureException e = ConnectionFailures.of("GET", new IOException("Broken pipe"));

        assertThat(e.kind()).isEqualTo(FailureKind.TRANSIENT);
        assertThat(e.getMessage()).contains("the connection failed").contains("IOException: Broken pipe");
    }

    @Test
    void kindsMapToDeadLetterCategories() {
        assertThat(FailureKind.CONFLICT.deadLetterCategory()).isEqualTo("conflict");
        assertThat(FailureKind.THROTTLED.deadLetterCategory()).isEqualTo("unavailable");
        assertThat(FailureKind.TRANSIENT.deadLetterCategory()).isEqualTo("unavailable");
        assertThat(FailureKind.UNAUTHORIZED.deadLetterCategory()).isEqualTo("forbidden");
        assertThat(FailureKind.FORBIDDEN.deadLetterCategory()).isEqualTo("forbidden");
        assertThat(FailureKind.NOT_FOUND.deadLetterCategory()).isEqualTo("not-found");
        assertThat(FailureKind.REJECTED.deadLetterCategory()).isEqualTo("rejected");
    }
}
