package io.billingsync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The sandbox's customers and their billing profiles, each with its current ETag. */
final class BillingProfileStore {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> PHONE_REQUIRED = Set.of("AM", "AZ", "BY", "HU", "KZ", "KG", "MD", "RU", "TJ", "UZ", "UA");

    private final Map<String, ObjectNode> profiles = new ConcurrentHashMap<>();
    private final AtomicLong etags = new AtomicLong(System.nanoTime() & 0xFFFFFF);

    /** A validation failure answered 400 with Partner Center's error body. */
    record Rejection(int code, String description, List<String> data) {
    }

    static String key(String customerId) {
        return customerId.toLowerCase(Locale.ROOT);
    }

    ObjectNode get(String customerId) {
        ObjectNode profile = profiles.get(key(customerId));
        return profile == null ? null : profile.deepCopy();
    }

    Object lockFor(String customerId) {
        return profiles.get(key(customerId));
    }

    Set<String> ids() {
        return new TreeSet<>(profiles.keySet());
    }

    /** Stores a profile as Partner Center would: camelCase names, the server's id, links and a fresh ETag. */
    ObjectNode put(String customerId, ObjectNode body) {
        ObjectNode stored = JSON.createObjectNode();
        stored.put("id", customerId);
        for (Iterator<Map.Entry<String, JsonNode>> it = camelCase(body).fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!Set.of("id", "links", "attributes").contains(field.getKey())) {
                stored.set(field.getKey(), field.getValue());
            }
        }
        ObjectNode links = stored.putObject("links").putObject("self");
        links.put("uri", "/v1/customers/" + customerId + "/profiles/billing");
        links.put("method", "GET");
        links.putArray("headers");
        ObjectNode attributes = stored.putObject("attributes");
        attributes.put("etag", newEtag());
        attributes.put("objectType", "CustomerBillingProfile");
        ObjectNode existing = profiles.putIfAbsent(key(customerId), stored);
        if (existing != null) {
            synchronized (existing) {
                existing.removeAll();
                existing.setAll(stored);
            }
        }
        return stored.deepCopy();
    }

    static String etagOf(ObjectNode profile) {
        return profile.path("attributes").path("etag").asText();
    }

    private String newEtag() {
        return Long.toString(etags.incrementAndGet() * 7919 + UUID.randomUUID().getLeastSignificantBits() % 1000, 36)
                .replace("-", "x");
    }

    /** Partner Center's own checks on an incoming profile. */
    static Rejection validate(String customerId, ObjectNode body) {
        ObjectNode profile = camelCase(body);
        if (!customerId.equalsIgnoreCase(profile.path("id").asText())) {
            return new Rejection(3000, "The profile id does not match the customer in the request URI.", List.of("IdInvalid"));
        }
        if (!profile.path("attributes").isObject() || !profile.path("links").isObject()) {
            return new Rejection(3000, "The request body must be the full billing profile resource.", List.of("AttributesInvalid"));
        }
        JsonNode address = profile.get("defaultAddress");
        if (address == null || !address.isObject()) {
            return null;
        }
        List<String> invalid = new ArrayList<>();
        String country = address.path("country").asText("");
        if (!country.matches("[A-Za-z]{2}")) {
            invalid.add("CountryInvalid");
        }
        if (address.path("state").asText("").length() > 2) {
            invalid.add("StateInvalid");
        }
        if ("US".equalsIgnoreCase(country) && address.hasNonNull("region") && !address.path("region").asText().isEmpty()) {
            invalid.add("StateInvalid");
        }
        int line1 = address.path("addressLine1").asText("").length();
        if (line1 < 1 || line1 > 200) {
            invalid.add("AddressLine1Invalid");
        }
        if (address.path("addressLine2").asText("").length() > 200) {
            invalid.add("AddressLine2Invalid");
        }
        for (String name : List.of("firstName", "lastName")) {
            int length = address.path(name).asText("").length();
            if (length < 1 || length > 50) {
                invalid.add(Character.toUpperCase(name.charAt(0)) + name.substring(1) + "Invalid");
            }
        }
        if (!invalid.isEmpty()) {
            return new Rejection(27002, "Address is invalid.", invalid.stream().distinct().toList());
        }
        if (PHONE_REQUIRED.contains(country.toUpperCase(Locale.ROOT)) && address.path("phoneNumber").asText("").isBlank()) {
            return new Rejection(600051, "Phone number is required for the country " + country.toUpperCase(Locale.ROOT) + ".", List.of());
        }
        return null;
    }

    /** Field names as the server stores them: the documents' PascalCase becomes camelCase, recursively. */
    static ObjectNode camelCase(ObjectNode node) {
        ObjectNode copy = JSON.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey().isEmpty() ? "" : Character.toLowerCase(field.getKey().charAt(0)) + field.getKey().substring(1);
            JsonNode value = field.getValue();
            if (value.isObject()) {
                value = camelCase((ObjectNode) value);
            } else if (value.isArray()) {
                ArrayNode array = JSON.createArrayNode();
                value.forEach(item -> array.add(item.isObject() ? camelCase((ObjectNode) item) : item));
                value = array;
            }
            copy.set(name, value);
        }
        return copy;
    }
}
