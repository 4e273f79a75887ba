package io.billingsync.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The country validation rules the sandbox answers, in the shape of Partner Center's documented example (the states as
 * {@code states.value}). The US rules are the documented example's; the others follow the same shape with the
 * sandbox's own approximations of each country's states and formats (docs/PARTNER-CENTER.md#address-pre-checks).
 */
final class SandboxCountryRules {
    /** North American phone numbers, as the documented US example gives them. */
    private static final String NANP_PHONE = "^(1[\\-\\/\\.]?)?(\\((\\d{3})\\)|(\\d{3}))[\\-\\/\\.]?(\\d{3})[\\-\\/\\.]?(\\d{4})$";

    private static final Map<String, ObjectNode> RULES = Map.of(
            "US", rules("US", "en-US", List.of("AK", "AL", "AR", "AZ", "CA", "CO", "CT", "DC", "DE", "FL", "GA", "HI",
                    "IA", "ID", "IL", "IN", "KS", "KY", "LA", "MA", "MD", "ME", "MI", "MN", "MO", "MS", "MT", "NC", "ND",
                    "NE", "NH", "NJ", "NM", "NV", "NY", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VA",
                    "VT", "WA", "WI", "WV", "WY"), "^\\d{5}(-\\d{4})?$", NANP_PHONE),
            "CA", rules("CA", "en-CA", List.of("AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT"),
                    "^[A-Za-z]\\d[A-Za-z][ -]?\\d[A-Za-z]\\d$", NANP_PHONE),
            "MX", rules("MX", "es-MX", List.of("AG", "BC", "BS", "CM", "CS", "CH", "CO", "CL", "DF", "DG", "GT", "GR", "HG",
                    "JA", "EM", "MI", "MO", "NA", "NL", "OA", "PU", "QT", "QR", "SL", "SI", "SO", "TB", "TM", "TL", "VE",
                    "YU", "ZA"), "^\\d{5}$", ""),
            "CN", rules("CN", "zh-CN", List.of("AH", "BJ", "CQ", "FJ", "GD", "GS", "GX", "GZ", "HA", "HB", "HE", "HI",
                    "HL", "HN", "JL", "JS", "JX", "LN", "NM", "NX", "QH", "SC", "SD", "SH", "SN", "SX", "TJ", "XJ", "XZ",
                    "YN", "ZJ"), "^\\d{6}$", ""),
            "DE", rules("DE", "de-DE", List.of(), "^\\d{5}$", ""),
            "NL", rules("NL", "nl-NL", List.of(), "^\\d{4} ?[A-Z]{2}$", ""),
            "PT", rules("PT", "pt-PT", List.of(), "^\\d{4}-\\d{3}$", ""),
            "TR", rules("TR", "tr-TR", List.of(), "^\\d{5}$", ""));

    private SandboxCountryRules() {
    }

    /** The rules of the country with this ISO 3166 alpha-2 code; null for a country the sandbox has none for. */
    static ObjectNode of(String country) {
        ObjectNode rules = RULES.get(country.toUpperCase(Locale.ROOT));
        return rules == null ? null : rules.deepCopy();
    }

    /** A state is required exactly where the country has a list of them (as Partner Center checks US, CA, CN, MX). */
    private static ObjectNode rules(String country, String culture, List<String> states, String postalCodeRegex,
                                    String phoneNumberRegex) {
        ObjectNode rules = BillingProfileStore.JSON.createObjectNode();
        rules.put("iso2Code", country);
        rules.put("defaultCulture", culture);
        rules.put("isStateRequired", !states.isEmpty());
        states.forEach(rules.putObject("states").putArray("value")::add);
        rules.putObject("supportedLanguages").putArray("value").add(culture.substring(0, 2));
        rules.putObject("supportedCultures").putArray("value").add(culture);
        rules.put("isPostalCodeRequired", true);
        rules.put("postalCodeRegex", postalCodeRegex);
        rules.put("isCityRequired", true);
        rules.put("isVatIdSupported", !country.equals("US"));
        rules.put("phoneNumberRegex", phoneNumberRegex);
        rules.putObject("attributes").put("objectType", "CountryInformation");
        return rules;
    }
}
