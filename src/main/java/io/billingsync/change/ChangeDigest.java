package io.billingsync.change;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a {@code changeId} stands for: a digest of the change's content (its customer, its changes and its
 * {@code changedAt}), so the same id coming again can be told a duplicate (the same content) from an id reused for
 * another change. The content is written as canonical JSON first, so neither key order nor spacing matters, nor the
 * letter case of the customer id (a GUID) or of field names (they match case-insensitively); values are compared
 * exactly, and {@code changedAt} as the instant it names ({@code 10:00+01:00} is {@code 09:00Z}). A replayed dead
 * letter's {@code sequence} and {@code force} are not content.
 */
public final class ChangeDigest {
    /** A factory with a codec: values that are not objects are written as trees. */
    private static final JsonFactory JSON = new ObjectMapper().getFactory();
    /** 128 bits of SHA-256: collisions are out of reach, and the history keeps one per change id. */
    private static final int BYTES = 16;

    public static String of(String customerId, JsonNode changes, Instant changedAt) {
        ByteArrayOutputStream canonical = new ByteArrayOutputStream(128);
        try (JsonGenerator out = JSON.createGenerator(canonical)) {
            out.writeStartObject();
            out.writeStringField("customerId", customerId.toLowerCase(Locale.ROOT));
            out.writeFieldName("changes");
            write(changes, out);
            if (changedAt != null) {
                out.writeStringField("changedAt", changedAt.toString());
            }
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(sha256(canonical.toByteArray()), BYTES));
    }

    /** Objects with their names in lower case and sorted; everything else as it is. */
    private static void write(JsonNode value, JsonGenerator out) throws IOException {
        if (!value.isObject()) {
            out.writeTree(value);
            return;
        }
        Map<String, JsonNode> sorted = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            sorted.put(field.getKey().toLowerCase(Locale.ROOT), field.getValue());
        }
        out.writeStartObject();
        for (Map.Entry<String, JsonNode> field : sorted.entrySet()) {
            out.writeFieldName(field.getKey());
            write(field.getValue(), out);
        }
        out.writeEndObject();
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private ChangeDigest() {
    }
}
