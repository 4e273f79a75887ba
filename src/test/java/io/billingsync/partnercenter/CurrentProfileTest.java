package io.billingsync.partnercenter;

import io.billingsync.failure.FailureKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CurrentProfileTest {

    private static final String PROFILE = """
            {"id":"a58ceba5-60ac-48e4-a0bc-2a855811807a","email":"a@contoso.com",
             "defaultAddress":{"country":"US","addressLine1":"1 Main St"},
             "futureField":{"x":1},
             "attributes":{"etag":"body-etag","objectType":"CustomerBillingProfile"}}""";

    private static CurrentProfile read(String json, String etagHeader) {
        try {
            return CurrentProfile.of((ObjectNode) new ObjectMapper().readTree(json), etagHeader);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void readsTheEtagFromTheBodyWhenThereIsNoHeader() {
        CurrentProfile p = read(PROFILE, null);

        assertThat(p.etag()).isEqualTo("body-etag");
        assertThat(p.profile().path("email").asText()).isEqualTo("a@contoso.com");
        assertThat(p.profile().path("futureField").path("x").asInt()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"header-etag\"", "W/\"header-etag\"", "header-etag"})
    void theBodysEtagWinsOverADifferingHeader(String header) {
        assertThat(read(PROFILE, header).etag()).isEqualTo("body-etag");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"header-etag\"", "W/\"header-etag\"", "header-etag", "  \"header-etag\"  "})
    void theHeaderIsTheFallbackWhenTheBodyHasNoEtagAndLosesQuotesAndWeakPrefix(String header) {
        assertThat(read("{\"email\":\"x@y.z\",\"attributes\":{}}", header).etag()).isEqualTo("header-etag");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "\"\""})
    void aBlankEtagHeaderFallsBackToTheBody(String header) {
        assertThat(read(PROFILE, header).etag()).isEqualTo("body-etag");
    }

    @Test
    void matchesPascalCaseAttributeNames() {
        String pascal = "{\"Email\":\"x@y.z\",\"Attributes\":{\"Etag\":\"pascal-etag\",\"ObjectType\":\"x\"}}";

        assertThat(read(pascal, null).etag()).isEqualTo("pascal-etag");
    }

    @Test
    void aMissingEtagIsAClearError() {
        assertThatThrownBy(() -> read("{\"email\":\"x@y.z\",\"attributes\":{}}", null))
                .isInstanceOf(UnexpectedResponseException.class)
                .hasMessageContaining("without an ETag")
                .hasMessageContaining("attributes.etag")
                .satisfies(e -> assertThat(((PartnerCenterException) e).kind()).isEqualTo(FailureKind.REJECTED));
    }

    @Test
    void anUpdateAnsweredWithoutABodyOrEtagHasNoEtag() {
        assertThat(CurrentProfile.etag(null, null)).isNull();
        assertThat(CurrentProfile.etag(null, "W/\"h\"")).isEqualTo("h");
    }
}
