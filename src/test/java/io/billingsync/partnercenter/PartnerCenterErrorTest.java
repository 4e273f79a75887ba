package io.billingsync.partnercenter;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class PartnerCenterErrorTest {

    private static PartnerCenterError parse(String body) {
        return PartnerCenterError.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsTheClassicShapeWithANumericCode() {
        PartnerCenterError e = parse("""
                {"code": 2055, "description": "Etag is no longer valid", "data": [], "source": "PartnerFD"}""");

        assertThat(e.code()).isEqualTo("2055");
        assertThat(e.description()).isEqualTo("Etag is no longer valid");
        assertThat(e.source()).isEqualTo("PartnerFD");
        assertThat(e.data()).isEmpty();
        assertThat(e.raw().path("code").asInt()).isEqualTo(2055);
        assertThat(e.isEmpty()).isFalse();
    }

    @Test
    void readsACodeGivenAsAString() {
        assertThat(parse("{\"code\": \"27002\", \"description\": \"x\"}").code()).isEqualTo("27002");
    }

    @Test
    void readsTheNewerFieldsAndIgnoresUnknownOnes() {
        PartnerCenterError e = parse("""
                {"code":"600051","description":"Phone number is required","message":"Phone required",
                 "errorName":"PhoneNumberRequired","isRetryable":false,"parameters":{"country":"RU"},
                 "somethingNew":[1,2,3],"data":["PhoneNumberRequired"]}""");

        assertThat(e.code()).isEqualTo("600051");
        assertThat(e.message()).isEqualTo("Phone required");
        assertThat(e.errorName()).isEqualTo("PhoneNumberRequired");
        assertThat(e.retryable()).isFalse();
        assertThat(e.data()).containsExactly("PhoneNumberRequired");
        assertThat(e.raw().path("somethingNew").size()).isEqualTo(3);
    }

    @Test
    void rendersDataItemsOfAnyJsonType() {
        PartnerCenterError e = parse("{\"code\":3000,\"data\":[\"StateInvalid\",42,{\"field\":\"state\"},null]}");

        assertThat(e.data()).containsExactly("StateInvalid", "42", "{\"field\":\"state\"}");
    }

    @Test
    void aSingleDataValueBecomesOneItem() {
        assertThat(parse("{\"data\":\"StateInvalid\"}").data()).containsExactly("StateInvalid");
    }

    @Test
    void readsTheThrottlingShape() {
        PartnerCenterError e = parse("{\"statusCode\":429,\"message\":\"Rate limit is exceeded. Try again in 57 seconds.\"}");

        assertThat(e.code()).isNull();
        assertThat(e.message()).isEqualTo("Rate limit is exceeded. Try again in 57 seconds.");
        assertThat(e.raw().path("statusCode").asInt()).isEqualTo(429);
        assertThat(e.explanation()).isEqualTo("Rate limit is exceeded. Try again in 57 seconds.");
    }

    @Test
    void matchesFieldNamesIgnoringCase() {
        PartnerCenterError e = parse("{\"Code\":1000,\"Description\":\"Customer not found\"}");

        assertThat(e.code()).isEqualTo("1000");
        assertThat(e.description()).isEqualTo("Customer not found");
    }

    @Test
    void keepsANonJsonBodyAsText() {
        PartnerCenterError e = parse("<html>502 Bad Gateway</html>");

        assertThat(e.code()).isNull();
        assertThat(e.raw().isTextual()).isTrue();
        assertThat(e.raw().asText()).isEqualTo("<html>502 Bad Gateway</html>");
        assertThat(e.explanation()).isEqualTo("<html>502 Bad Gateway</html>");
    }

    @Test
    void cutsAHugeNonJsonBody() {
        PartnerCenterError e = parse("x".repeat(100_000) + "<");

        assertThat(e.raw().asText()).hasSize(PartnerCenterError.MAX_TEXT_CHARS);
    }

    @Test
    void acceptsAnEmptyOrNullBody() {
        assertThat(PartnerCenterError.parse(new byte[0]).isEmpty()).isTrue();
        assertThat(PartnerCenterError.parse(null).isEmpty()).isTrue();
        assertThat(parse("  \n").explanation()).isNull();
    }

    @Test
    void stripsAByteOrderMark() {
        byte[] json = "{\"code\":1000}".getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[json.length + 3];
        body[0] = (byte) 0xEF;
        body[1] = (byte) 0xBB;
        body[2] = (byte) 0xBF;
        System.arraycopy(json, 0, body, 3, json.length);

        assertThat(PartnerCenterError.parse(body).code()).isEqualTo("1000");
    }

    @Test
    void prefersTheDescriptionAsExplanation() {
        assertThat(parse("{\"description\":\"desc\",\"message\":\"msg\"}").explanation()).isEqualTo("desc");
        assertThat(parse("{\"description\":\" \",\"message\":\"msg\"}").explanation()).isEqualTo("msg");
    }
}
