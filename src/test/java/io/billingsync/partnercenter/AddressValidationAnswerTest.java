package io.billingsync.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Partner Center's address validation answer, read tolerantly: an unknown status as given, fields in any case. */
class AddressValidationAnswerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theDocumentedAnswerIsReadAndAnUnknownStatusKeptAsGiven() throws IOException {
        AddressValidation partial = AddressValidation.read((ObjectNode) JSON.readTree("{\"originalAddress\": {\"city\": \"Redmond\"},"
                + " \"suggestedAddresses\": [{\"addressLine1\": \"1 Microsoft Way\"}], \"status\": \"StreetPartial\","
                + " \"validationMessage\": \"Address field invalid for property: 'Region'\"}"));
        AddressValidation unknown = AddressValidation.read((ObjectNode) JSON.readTree("{\"Status\": \"BrandNewStatus\"}"));

        assertThat(partial.status()).isEqualTo("StreetPartial");
        assertThat(partial.validationMessage()).contains("'Region'");
        assertThat(partial.suggestedAddresses()).singleElement().extracting(a -> a.path("addressLine1").asText())
                .isEqualTo("1 Microsoft Way");
        assertThat(unknown.status()).isEqualTo("BrandNewStatus");
        assertThat(unknown.suggestedAddresses()).isEmpty();
        assertThat(JSON.valueToTree(unknown).has("unavailable")).as("left out when null").isFalse();
    }
}
