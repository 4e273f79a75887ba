package io.billingsync.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** A country's rules read from either documented shape of the answer, and what an address breaks of them. */
class CountryRulesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode json(String text) throws IOException {
        return (ObjectNode) JSON.readTree(text);
    }

    @Test
    void theStatesAreReadFromTheResourcesListOrTheExamplesValueAndNamesInAnyCase() throws IOException {
        CountryRules resource = CountryRules.read("ca", json("{\"IsStateRequired\": true, \"SupportedStatesList\": [\"ON\", \"QC\"],"
                + " \"isCityRequired\": \"true\", \"PostalCodeRegex\": \"^x$\"}"));
        CountryRules example = CountryRules.read("US", json("{\"isStateRequired\": true, \"states\": {\"value\": [\"WA\", \"OR\"]},"
                + " \"isPostalCodeRequired\": false}"));

        assertThat(resource.country()).isEqualTo("CA");
        assertThat(resource.states()).containsExactly("ON", "QC");
        assertThat(resource.cityRequired()).isTrue();
        assertThat(resource.postalCodeRegex()).isEqualTo("^x$");
        assertThat(example.states()).containsExactly("WA", "OR");
        assertThat(example.postalCodeRequired()).isFalse();
        assertThat(CountryRules.read("DE", json("{}")).violations(json("{\"city\": null}"))).as("no rules, nothing broken").isEmpty();
    }

    @Test
    void eachBrokenRuleIsNamedWithItsFix() throws IOException {
        CountryRules us = CountryRules.read("US", json("{\"isStateRequired\": true, \"states\": {\"value\": [\"WA\", \"OR\"]},"
                + " \"isCityRequired\": true, \"isPostalCodeRequired\": true, \"postalCodeRegex\": \"^\\\\d{5}(-\\\\d{4})?$\","
                + " \"phoneNumberRegex\": \"^\\\\d{10}$\"}"));

        assertThat(us.violations(json("{\"State\": \"wa\", \"City\": \"Redmond\", \"PostalCode\": \"98052-6399\","
                + " \"PhoneNumber\": \"4255550100\"}"))).as("a state in any case, names in any case").isEmpty();
        assertThat(us.violations(json("{\"state\": \"\", \"city\": \" \", \"postalCode\": null}"))).containsExactly(
                "defaultAddress.state is required in US (isStateRequired): set it to one of WA, OR",
                "defaultAddress.city is required in US (isCityRequired): set it",
                "defaultAddress.postalCode is required in US (isPostalCodeRequired): set it");
        assertThat(us.violations(json("{\"state\": \"XX\", \"city\": \"Redmond\", \"postalCode\": \"9805\", \"phoneNumber\": \"555\"}")))
                .containsExactly("defaultAddress.state \"XX\" is not a state of US (supportedStatesList): use one of WA, OR",
                        "defaultAddress.postalCode is not in the format of US (postalCodeRegex ^\\d{5}(-\\d{4})?$): correct it",
                        "defaultAddress.phoneNumber is not in the format of US (phoneNumberRegex ^\\d{10}$): correct it");
    }

    @Test
    void aPatternJavaCannotReadIsNotAppliedAndALongListOfStatesIsShortened() throws IOException {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            many.append(i == 0 ? "" : ",").append("\"S").append(i).append('"');
        }
        CountryRules rules = CountryRules.read("MX", json("{\"isStateRequired\": true, \"supportedStatesList\": [" + many
                + "], \"postalCodeRegex\": \"^(?<x\"}"));

        assertThat(rules.violations(json("{\"postalCode\": \"anything\"}"))).singleElement().asString()
                .contains("one of S0, S1,", "S11, ... (20 in all)");
    }
}
