package io.billingsync.partnercenter;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What Partner Center's address validation said of an address (docs/PARTNER-CENTER.md#address-pre-checks), as the
 * result record of each change that set it keeps it: the status as given (an unknown one too), the validation
 * message and the suggested addresses; or, when the address could not be validated, why.
 *
 * @param status             {@code VerifiedShippable}, {@code Verified}, {@code InteractionRequired},
 *                           {@code StreetPartial}, {@code PremisesPartial}, {@code Multiple}, {@code None},
 *                           {@code NotValidated}, or another Partner Center may add; null when none was given
 * @param suggestedAddresses the addresses Partner Center suggests, as it gave them
 * @param unavailable        why the address could not be validated; null when it was
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AddressValidation(String status, String validationMessage, List<JsonNode> suggestedAddresses,
                                String unavailable) {

    public AddressValidation {
        suggestedAddresses = suggestedAddresses == null ? List.of() : List.copyOf(suggestedAddresses);
    }

    /** Partner Center's answer, read tolerantly (names in any case, missing fields left out). */
    public static AddressValidation read(ObjectNode answer) {
        List<JsonNode> suggested = new ArrayList<>();
        JsonNode list = JsonBody.field(answer, "suggestedAddresses");
        if (list != null && list.isArray()) {
            list.forEach(suggested::add);
        }
        return new AddressValidation(text(answer, "status"), text(answer, "validationMessage"), suggested, null);
    }

    /** The address could not be validated: why, in a sentence. */
    public static AddressValidation unavailable(String why) {
        return new AddressValidation(null, null, List.of(), why);
    }

    private static String text(JsonNode answer, String name) {
        JsonNode value = JsonBody.field(answer, name);
        return value == null || value.isNull() || !value.isValueNode() || value.asText().isBlank() ? null : value.asText().strip();
    }
}
