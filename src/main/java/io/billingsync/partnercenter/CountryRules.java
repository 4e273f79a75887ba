package io.billingsync.partnercenter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A country's address rules, as Partner Center's country validation rules answer them
 * (docs/PARTNER-CENTER.md#address-pre-checks): whether state, city and postal code are required, the states it knows,
 * and the formats of postal codes and phone numbers. Read tolerantly: names in any case, the states as
 * {@code supportedStatesList} (the resource's documented name) or {@code states.value} (the documented example's).
 *
 * @param answer the answer as Partner Center gave it (what is kept in the work folder)
 */
public record CountryRules(String country, boolean stateRequired, List<String> states, boolean cityRequired,
                           boolean postalCodeRequired, String postalCodeRegex, String phoneNumberRegex, ObjectNode answer) {

    private static final int STATES_SHOWN = 12;

    public CountryRules {
        states = List.copyOf(states);
    }

    /** The rules of {@code country} in Partner Center's answer. */
    public static CountryRules read(String country, ObjectNode answer) {
        return new CountryRules(country.toUpperCase(Locale.ROOT), flag(answer, "isStateRequired"), states(answer),
                flag(answer, "isCityRequired"), flag(answer, "isPostalCodeRequired"), text(answer, "postalCodeRegex"),
                text(answer, "phoneNumberRegex"), answer);
    }

    /** What the address breaks, each rule named with its fix; empty when it keeps them all. */
    public List<String> violations(JsonNode address) {
        List<String> broken = new ArrayList<>();
        String state = text(address, "state");
        if (state == null && stateRequired) {
            broken.add("defaultAddress.state is required in " + country + " (isStateRequired): set it"
                    + (states.isEmpty() ? "" : " to" + oneOfTheStates()));
        } else if (state != null && !states.isEmpty() && states.stream().noneMatch(state::equalsIgnoreCase)) {
            broken.add("defaultAddress.state \"" + MessageText.clip(state, 10) + "\" is not a state of " + country
                    + " (supportedStatesList): use" + oneOfTheStates());
        }
        if (cityRequired && text(address, "city") == null) {
            broken.add("defaultAddress.city is required in " + country + " (isCityRequired): set it");
        }
        String postalCode = text(address, "postalCode");
        if (postalCodeRequired && postalCode == null) {
            broken.add("defaultAddress.postalCode is required in " + country + " (isPostalCodeRequired): set it");
        } else if (breaks(postalCodeRegex, postalCode)) {
            broken.add("defaultAddress.postalCode is not in the format of " + country + " (postalCodeRegex "
                    + MessageText.clip(postalCodeRegex, 80) + "): correct it");
        }
        if (breaks(phoneNumberRegex, text(address, "phoneNumber"))) {
            broken.add("defaultAddress.phoneNumber is not in the format of " + country + " (phoneNumberRegex "
                    + MessageText.clip(phoneNumberRegex, 120) + "): correct it");
        }
        return broken;
    }

    private String oneOfTheStates() {
        String shown = String.join(", ", states.subList(0, Math.min(STATES_SHOWN, states.size())));
        return " one of " + shown + (states.size() > STATES_SHOWN ? ", ... (" + states.size() + " in all)" : "");
    }

    /**
     * Whether a value given breaks a format. Partner Center's patterns are .NET regular expressions, matched as
     * .NET's {@code Regex.Match} does (anywhere in the value); one Java cannot read is not applied.
     */
    private static boolean breaks(String regex, String value) {
        if (regex == null || value == null) {
            return false;
        }
        try {
            return !Pattern.compile(regex).matcher(value).find();
        } catch (PatternSyntaxException unreadable) {
            return false;
        }
    }

    private static List<String> states(JsonNode answer) {
        JsonNode list = JsonBody.field(answer, "supportedStatesList");
        if (list == null || !list.isArray()) {
            JsonNode states = JsonBody.field(answer, "states");
            list = states != null && states.isObject() ? JsonBody.field(states, "value") : states;
        }
        List<String> codes = new ArrayList<>();
        if (list != null && list.isArray()) {
            list.forEach(item -> {
                if (item.isTextual() && !item.asText().isBlank()) {
                    codes.add(item.asText().strip());
                }
            });
        }
        return codes;
    }

    private static boolean flag(JsonNode object, String name) {
        JsonNode value = JsonBody.field(object, name);
        return value != null && (value.isBoolean() ? value.booleanValue() : "true".equalsIgnoreCase(value.asText().strip()));
    }

    /** A text field's value; null when it is missing, null or blank. */
    private static String text(JsonNode object, String name) {
        JsonNode value = JsonBody.field(object, name);
        return value == null || !value.isValueNode() || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }
}
