package io.billingsync.sandbox;

import static io.billingsync.sandbox.SandboxAnswers.sendError;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * POST {@code /v1/validations/address}: the documented answer, {@code originalAddress}, {@code suggestedAddresses},
 * {@code status} and {@code validationMessage}, with the status {@link AddressCheckFaults} chooses for the address
 * and as many suggestions as the documentation says that status comes with.
 */
final class AddressValidationHandler implements SandboxHandler {
    private static final Pattern PATH = Pattern.compile("/v1/validations/address/?");
    private static final List<String> FIELDS = List.of("addressLine1", "addressLine2", "city", "state", "postalCode", "country");

    private final SandboxFaults faults;

    AddressValidationHandler(SandboxFaults faults) {
        this.faults = faults;
    }

    @Override
    public Pattern path() {
        return PATH;
    }

    @Override
    public void answer(HttpExchange exchange, Matcher path, byte[] body) throws IOException {
        JsonNode request;
        try {
            request = BillingProfileStore.JSON.readTree(body);
        } catch (IOException e) {
            request = null;
        }
        if (!exchange.getRequestMethod().equals("POST") || request == null || !request.isObject()) {
            sendError(exchange, 400, 3000, "The request body must be an address.", List.of());
            return;
        }
        if (faults.addressChecks.validationUnavailable) {
            sendError(exchange, 503, 503, "Service unavailable (injected).", List.of());
            return;
        }
        ObjectNode original = BillingProfileStore.JSON.createObjectNode();
        ObjectNode given = BillingProfileStore.camelCase((ObjectNode) request);
        FIELDS.stream().filter(given::hasNonNull).forEach(name -> original.set(name, given.get(name)));
        String status = faults.addressChecks.statusFor(original.path("addressLine1").asText(null));
        ObjectNode answer = BillingProfileStore.JSON.createObjectNode();
        answer.set("originalAddress", original);
        ArrayNode suggested = answer.putArray("suggestedAddresses");
        for (int i = 1; i <= suggestions(status); i++) {
            ObjectNode suggestion = original.deepCopy();
            suggestion.put("addressLine1", (suggestions(status) > 1 ? i + " " : "") + original.path("addressLine1").asText());
            suggested.add(suggestion);
        }
        answer.put("status", status);
        if (!status.startsWith("Verified")) {
            answer.put("validationMessage", "Address field invalid for property: 'AddressLine1'");
        }
        SandboxAnswers.sendJson(exchange, 200, answer);
    }

    /** How many suggested addresses a status comes with, as the documentation's table says (one for one unknown). */
    private static int suggestions(String status) {
        return switch (status) {
            case "StreetPartial", "PremisesPartial", "Multiple" -> 3;
            case "None", "NotValidated" -> 0;
            default -> 1;
        };
    }
}
