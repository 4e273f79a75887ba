package io.billingsync.partnercenter;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;

/** Reading Partner Center response bodies: some start with a UTF-8 byte-order mark. */
final class JsonBody {

    private static final ObjectReader READER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build()
            .readerFor(JsonNode.class);

    private JsonBody() {
    }

    static byte[] stripBom(byte[] body) {
        if (body != null && body.length >= 3
                && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB && (body[2] & 0xFF) == 0xBF) {
            return Arrays.copyOfRange(body, 3, body.length);
        }
        return body == null ? new byte[0] : body;
    }

    /** Parses a whole body (BOM stripped); fails on trailing content as well as malformed JSON. */
    static JsonNode parse(byte[] body) throws IOException {
        return READER.readValue(stripBom(body));
    }

    /** The value of the first field whose name equals {@code name} ignoring case; null when there is none. */
    static JsonNode field(JsonNode object, String name) {
        if (object == null || !object.isObject()) {
            return null;
        }
        JsonNode exact = object.get(name);
        if (exact != null) {
            return exact;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }
}
