package io.billingsync.change;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** What a change id stands for: the change's content, whatever its key order, spacing or letter case of names. */
class ChangeDigestTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CUSTOMER = "a58ceba5-60ac-48e4-a0bc-2a855811807a";

    private static String digestOf(String request) throws Exception {
        ChangeValidator.Result result = new ChangeValidator().validate(JSON.readTree(request));
        assertThat(result.problem()).isNull();
        return result.change().digest();
    }

    private static String request(String customer, String changedAt, String changes) {
        return "{\"customerId\":\"" + customer + "\",\"changeId\":\"X-1\"" + (changedAt == null ? "" : ",\"changedAt\":\""
                + changedAt + "\"") + ",\"changes\":" + changes + "}";
    }

    @Test
    void theSameContentWrittenDifferentlyHasTheSameDigest() throws Exception {
        String digest = digestOf(request(CUSTOMER, "2026-11-24T10:00:00+01:00",
                "{\"email\":\"a@contoso.com\",\"defaultAddress\":{\"city\":\"Redmond\",\"state\":null}}"));

        assertThat(digestOf("{ \"changes\" : { \"DefaultAddress\" : { \"STATE\" : null , \"City\" : \"Redmond\" },"
                + " \"Email\" : \"a@contoso.com\" }, \"sequence\": 3000000001, \"force\": true,"
                + " \"changedAt\": \"2026-11-24T09:00:00Z\", \"changeId\": \"X-1\", \"customerId\": \""
                + CUSTOMER.toUpperCase(java.util.Locale.ROOT) + "\" }")).isEqualTo(digest);
        assertThat(digest).hasSize(22);
    }

    @Test
    void otherContentHasAnotherDigest() throws Exception {
        String digest = digestOf(request(CUSTOMER, null, "{\"email\":\"a@contoso.com\"}"));

        assertThat(digestOf(request(CUSTOMER, null, "{\"email\":\"A@contoso.com\"}"))).as("values are exact").isNotEqualTo(digest);
        assertThat(digestOf(request(CUSTOMER, "2026-11-24T09:00:00Z", "{\"email\":\"a@contoso.com\"}")))
                .as("with a changedAt").isNotEqualTo(digest);
        assertThat(digestOf(request("3d4e5f60-7182-4c9d-8e1f-2a3b4c5d6e7f", null, "{\"email\":\"a@contoso.com\"}")))
                .as("another customer").isNotEqualTo(digest);
        assertThat(digestOf(request(CUSTOMER, null, "{\"email\":null}"))).as("clearing it").isNotEqualTo(digest);
    }

    @Test
    void theIdsOfAFileFindALaterChangeWithOtherContentAcrossEveryGrowthOfTheTable() {
        ChangeIdsInFile ids = new ChangeIdsInFile();
        for (int i = 0; i < 100_000; i++) {
            assertThat(ids.earlierWithOtherContent("ID-" + i, "content-" + i, i)).isEqualTo(-1);
        }
        assertThat(ids.earlierWithOtherContent("ID-77777", "content-77777", 100_001)).as("the same content").isEqualTo(-1);
        assertThat(ids.earlierWithOtherContent("ID-77777", "other", 100_002)).isEqualTo(77_777);
        assertThat(ids.earlierWithOtherContent("ID-0", "other", 100_003)).isZero();
    }
}
