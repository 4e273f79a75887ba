package io.billingsync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Keeps personal data out of what {@code dead-letters show} prints: every text value of the dead-lettered change's
 * {@code changes} (a name, an email, an address line, which a server's message may quote) is replaced by {@code ***},
 * as is anything shaped like an email address.
 */
final class ChangeValueMask {
    private static final Pattern EMAIL = Pattern.compile("[^\\s\"'<>(),;:]+@[^\\s\"'<>(),;:]*[^\\s\"'<>(),;:.]");
    private static final String MASK = "***";

    private final List<String> values;

    private ChangeValueMask(List<String> values) {
        this.values = values;
    }

    static ChangeValueMask of(Path change) {
        List<String> values = new ArrayList<>();
        try {
            collect(new ObjectMapper().readTree(change.toFile()).path("changes"), values);
        } catch (IOException unreadable) {
            // a file dead-lettered whole because it cannot be read: the email pattern still applies
        }
        values.sort(Comparator.comparingInt(String::length).reversed());
        return new ChangeValueMask(values);
    }

    String mask(String text) {
        String masked = text;
        for (String value : values) {
            // whole values only: a country code "US" must not eat into "STATUS"
            masked = Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(value) + "(?![\\p{L}\\p{N}])")
                    .matcher(masked).replaceAll(MASK);
        }
        return EMAIL.matcher(masked).replaceAll(MASK);
    }

    private static void collect(JsonNode node, List<String> values) {
        if (node.isTextual() && node.asText().length() >= 2) {
            values.add(node.asText());
        }
        node.forEach(child -> collect(child, values));
    }
}
