package io.billingsync.partnercenter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CurrentProfileTest {

    private static final String PROFILE = """
            {"id":"a58ceba5-60ac-48e4-a0bc-2a855811807a","email":"a@contoso.com",
             "defaultAddress":{"country":"US","addressLine1":"1 Main St"},
             "futureField":{"x":1},
             "attributes":{"etag":"body-etag","objectType":"CustomerBillingProfile"}}""";

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] withBom(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        out.writeBytes(utf8(s));
        return out.toByteArray();
    }

    @Test
    void readsTheEtagFromTheBodyWhenThereIsNoHeader() {
        CurrentProfile p = CurrentProfile.read(utf8(PROFILE), null);

        assertThat(p.etag()).isEqualTo("body-etag");
        assertThat(p.profile().path("email").asText()).isEqualTo("a@contoso.com");
        assertThat(p.profile().path("futureField").path("x").asInt()).isEqualTo(1);
    }

    @Test
    void stripsAByteOrderMark() {
        CurrentProfile p = CurrentProfile.read(withBom(PROFILE), null);

        assertThat(p.etag()).isEqualTo("body-etag");
        assertThat(p.profile().fieldNames()).toIterable().first().isEqualTo("id");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"header-etag\"", "W/\"header-etag\"", "header-etag", "  \"header-etag\"  "})
    void prefersTheEtagHeaderAndStripsQuotesAndWeakPrefix(String header) {
        assertThat(CurrentProfile.read(utf8(PROFILE), header).etag()).isEqualTo("header-etag");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "\"\""})
    void aBlankEtagHeaderFallsBackToTheBody(String header) {
        assertThat(CurrentProfile.read(utf8(PROFILE), header).etag()).isEqualTo("body-etag");
    }

    @Test
    void matchesPascalCaseAttributeNames() {
        String pascal = "{\"Email\":\"x@y.z\",\"Attributes\":{\"Etag\":\"pascal-etag\",\"ObjectType\":\"x\"}}";

        assertThat(CurrentProfile.read(utf8(pascal), null).etag()).isEqualTo("pascal-etag");
    }

    @Test
    void aMissingEtagIsAClearError() {
        assertThatThrownBy(() -> CurrentProfile.read(utf8("{\"email\":\"x@y.z\",\"attributes\":{}}"), null))
                .isInstanceOf(UnexpectedResponseException.class)
                .hasMessageContaining("without an ETag")
                .hasMessageContaining("attributes.etag")
                .satisfies(e -> assertThat(((PartnerCenterException) e).kind()).isEqualTo(FailureKind.REJECTED));
    }

    @Test
    void anArrayIsNotAProfile() {
        assertThatThrownBy(() -> CurrentProfile.read(utf8("[{\"attributes\":{\"etag\":\"e\"}}]"), "\"e\""))
                .isInstanceOf(UnexpectedResponseException.class)
                .hasMessageContaining("not a JSON object")
                .hasMessageContaining("[{");
    }

    @Test
    void htmlIsNotAProfileAndTheMessageShowsHowItStarts() {
        assertThatThrownBy(() -> CurrentProfile.read(utf8("<html><body>Sign in</body></html>"), "\"e\""))
                .isInstanceOf(UnexpectedResponseException.class)
                .hasMessageContaining("not valid JSON")
                .hasMessageContaining("<html>");
    }

    @Test
    void anEmptyBodyIsNotAProfile() {
        assertThatThrownBy(() -> CurrentProfile.read(new byte[0], "\"e\""))
                .isInstanceOf(UnexpectedResponseException.class)
                .hasMessageContaining("the body is empty");
    }

    @Test
    void trailingContentIsRejected() {
        assertThatThrownBy(() -> CurrentProfile.read(utf8(PROFILE + " {}"), null))
                .isInstanceOf(UnexpectedResponseException.class);
    }
}
