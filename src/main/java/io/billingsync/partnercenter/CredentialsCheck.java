package io.billingsync.partnercenter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billingsync.failure.FailureKind;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Whether the configured credentials will work, end to end (docs/AUTHENTICATION.md): an access token obtained as the
 * service obtains it, then one read, a country's address rules, sent with {@code ValidateMfa: true}, whose answer
 * may say {@code isMfaCompliant} (in a header or in the body: the documentation does not say which, both are read).
 * What it reports names no secret: the token never leaves the request, and server bodies are redacted.
 */
public final class CredentialsCheck {
    static final String VALIDATE_MFA = "ValidateMfa";
    static final String MFA_COMPLIANT = "isMfaCompliant";
    /** A country every Partner Center has rules for. */
    static final String COUNTRY = "US";

    /** The answer: the credentials work, are refused (an operator must act), or the check could not tell. */
    public enum Verdict { WORKS, REFUSED, UNKNOWN }

    /** One step and what became of it. */
    public record Step(String name, String outcome) {
    }

    /** The verdict, the steps made, and the sentence that sums them up (what to do, when something must be done). */
    public record Result(Verdict verdict, List<Step> steps, String conclusion) {
    }

    private final URI baseUrl;
    private final Supplier<TokenProvider> credentials;
    private final HttpClient http;
    private final Duration timeout;
    private final String application;
    private final String locale;
    private final Clock clock;

    /** @param credentials the token source as the service makes it (reading a refresh-token file may be refused) */
    public CredentialsCheck(URI baseUrl, Supplier<TokenProvider> credentials, HttpClient http, Duration timeout,
                            String application, String locale, Clock clock) {
        this.baseUrl = baseUrl;
        this.credentials = credentials;
        this.http = http;
        this.timeout = timeout;
        this.application = application;
        this.locale = locale;
        this.clock = clock;
    }

    public Result run() {
        List<Step> steps = new ArrayList<>();
        TokenProvider tokens;
        String token;
        try {
            tokens = credentials.get();
            token = tokens.accessToken();
        } catch (AuthenticationFailedException refused) {
            steps.add(new Step("access token", "REFUSED"));
            return new Result(Verdict.REFUSED, steps, refused.getMessage());
        } catch (TransientFailureException unreachable) {
            steps.add(new Step("access token", "NOT OBTAINED"));
            return new Result(Verdict.UNKNOWN, steps, unreachable.getMessage());
        }
        steps.add(new Step("access token", "OK"));
        return read(token, new ResponseClassifier(clock, new SecretRedaction(tokens::tokensInUse)), steps);
    }

    private Result read(String token, ResponseClassifier classifier, List<Step> steps) {
        PartnerCenterCall<ObjectNode> call = PartnerCenterCalls.READ_COUNTRY_RULES;
        String path = call.pathFor(COUNTRY);
        String step = call.method() + " " + path + " with " + VALIDATE_MFA + ": true";
        HttpResponse<byte[]> answer;
        try {
            answer = http.send(request(path, token), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            steps.add(new Step(step, "NO ANSWER"));
            return new Result(Verdict.UNKNOWN, steps, ConnectionFailures.of(call.operation(), e).getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            steps.add(new Step(step, "INTERRUPTED"));
            return new Result(Verdict.UNKNOWN, steps, "The check was interrupted.");
        }
        Function<String, String> header = name -> answer.headers().firstValue(name).orElse(null);
        ObjectNode body;
        try {
            body = classifier.check(call, null, answer.statusCode(), header, answer.body());
        } catch (PartnerCenterException failure) {
            steps.add(new Step(step, "HTTP " + answer.statusCode()));
            return new Result(refuses(failure) ? Verdict.REFUSED : Verdict.UNKNOWN, steps, failure.getMessage());
        }
        Boolean compliant = compliance(header.apply(MFA_COMPLIANT), body);
        steps.add(new Step(step, "HTTP " + answer.statusCode() + ", " + MFA_COMPLIANT + ": "
                + (compliant == null ? "not in the answer" : compliant)));
        if (Boolean.FALSE.equals(compliant)) {
            return new Result(Verdict.REFUSED, steps, "Partner Center accepts the token today but says it has no MFA"
                    + " claim, so every call will be refused (401, code 900421) once it enforces MFA: consent again with a"
                    + " user who signs in with MFA (docs/AUTHENTICATION.md#mfa).");
        }
        return new Result(Verdict.WORKS, steps, compliant == null
                ? "Partner Center accepted the token; it did not say whether the token has the MFA claim."
                : "Partner Center accepted the token, and it has the MFA claim.");
    }

    private HttpRequest request(String path, String token) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout).GET()
                .header(PartnerCenterHeaders.AUTHORIZATION, "Bearer " + token)
                .header("Accept", "application/json")
                .header(PartnerCenterHeaders.REQUEST_ID, RequestIds.newRequestId())
                .header(PartnerCenterHeaders.CORRELATION_ID, RequestIds.newCorrelationId())
                .header(PartnerCenterHeaders.CONTRACT_VERSION, PartnerCenterHeaders.CONTRACT_VERSION_V1)
                .header(PartnerCenterHeaders.LOCALE, locale)
                .header(PartnerCenterHeaders.APPLICATION, application)
                .header(VALIDATE_MFA, "true")
                .build();
    }

    /** Refused credentials (401, 900421) or a user without access (403): an operator must act. */
    private static boolean refuses(PartnerCenterException failure) {
        return failure.kind().retry() == FailureKind.Retry.NEW_TOKEN
                || failure.httpStatus() != null && failure.httpStatus() == 403;
    }

    /** {@code isMfaCompliant} from the header, else from the body; null when the answer does not say. */
    static Boolean compliance(String header, ObjectNode body) {
        String said = header;
        if (said == null) {
            JsonNode field = JsonBody.field(body, MFA_COMPLIANT);
            said = field == null || field.isNull() ? null : field.asText();
        }
        if (said == null) {
            return null;
        }
        return said.strip().equalsIgnoreCase("true") ? Boolean.TRUE : said.strip().equalsIgnoreCase("false") ? Boolean.FALSE : null;
    }
}
