package io.billingsync.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretRedactionTest {

    private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.payload.signature-_~+/";
    private final SecretRedaction redaction = new SecretRedaction(() -> List.of(TOKEN, "short"));

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"Authorization\": \"Bearer " + TOKEN + "\"}",
            "Authorization: Bearer " + TOKEN + "; MS-RequestId: 1",
            "authorization=" + TOKEN,
            "the header was bearer " + TOKEN,
            "credential " + TOKEN})
    void takesOutAuthorizationValuesBearerTokensAndTheTokensInUse(String text) {
        String redacted = redaction.redact(text);

        assertThat(redacted).doesNotContain(TOKEN).doesNotContain("payload").contains(SecretRedaction.REDACTED);
    }

    @Test
    void anUnknownBearerTokenIsTakenOutToo() {
        assertThat(new SecretRedaction(List::of).redact("Authorization: Bearer abc.def; X-Locale: en-US"))
                .isEqualTo("Authorization: [redacted]; X-Locale: en-US");
        assertThat(new SecretRedaction(List::of).redact("sent Bearer abc.defgh=="))
                .isEqualTo("sent Bearer [redacted]");
    }

    @Test
    void ordinaryTextAndShortStringsAreLeftAlone() {
        String text = "{\"code\":400,\"description\":\"The bearer of this address: the state is too short.\"}";

        assertThat(redaction.redact(text)).isEqualTo(text);
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        assertThat(redaction.redact(body)).isSameAs(body);
    }
}
