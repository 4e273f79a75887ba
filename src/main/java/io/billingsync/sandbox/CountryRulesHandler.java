package io.billingsync.sandbox;

import static io.billingsync.sandbox.SandboxAnswers.sendError;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** GET {@code /v1/countryvalidationrules/{iso2}}: a country's address rules ({@link SandboxCountryRules}). */
final class CountryRulesHandler implements SandboxHandler {
    private static final Pattern PATH = Pattern.compile("/v1/countryvalidationrules/([^/]+)/?");

    private final SandboxFaults faults;

    CountryRulesHandler(SandboxFaults faults) {
        this.faults = faults;
    }

    @Override
    public Pattern path() {
        return PATH;
    }

    @Override
    public void answer(HttpExchange exchange, Matcher path, byte[] body) throws IOException {
        String country = path.group(1);
        if (!exchange.getRequestMethod().equals("GET")) {
            sendError(exchange, 405, 405, "Method not allowed.", List.of());
        } else if (faults.addressChecks.countryRulesUnavailable) {
            sendError(exchange, 503, 503, "Service unavailable (injected).", List.of());
        } else {
            ObjectNode rules = SandboxCountryRules.of(country);
            if (rules == null) {
                sendError(exchange, 404, 404, "No validation rules were found for the country/region " + country + ".", List.of());
            } else {
                SandboxAnswers.sendJson(exchange, 200, rules);
            }
        }
    }
}
