package io.billingsync.partnercenter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Partner Center's error body, read tolerantly. Two shapes are known:
 * {@code {"code": 2055, "description": "...", "data": [...], "source": "PartnerFD", "message", "errorName",
 * "isRetryable", "parameters"}} and, for throttling, {@code {"statusCode": 429, "message": "..."}}.
 * Field names are matched ignoring case; unknown fields are kept only in {@link #raw()}.
 *
 * @param code        the error code as text ({@code 2055} and {@code "2055"} both give "2055"); null if absent
 * @param description the {@code description} field
 * @param message     the {@code message} field
 * @param errorName   the {@code errorName} field
 * @param source      the {@code source} field
 * @param retryable   the {@code isRetryable} field; null if absent
 * @param data        the {@code data} items, each rendered as text (JSON for non-text items); never null
 * @param raw         the parsed body, or a text node holding a body that is not JSON (cut at
 *                    {@value #MAX_TEXT_CHARS} characters), or a null node for an empty body
 */
public record PartnerCenterError(String code, String description, String message, String errorName, String source,
                                 Boolean retryable, List<String> data, JsonNode raw) {

    static final int MAX_TEXT_CHARS = 8_000;

    public PartnerCenterError {
        data = data == null ? List.of() : List.copyOf(data);
        raw = raw == null ? NullNode.getInstance() : raw;
    }

    public static PartnerCenterError parse(byte[] body) {
        byte[] bare = JsonBody.stripBom(body);
        if (new String(bare, StandardCharsets.UTF_8).isBlank()) {
            return new PartnerCenterError(null, null, null, null, null, null, List.of(), NullNode.getInstance());
        }
        JsonNode node;
        try {
            node = JsonBody.parse(bare);
        } catch (IOException notJson) {
            return fromText(new String(bare, StandardCharsets.UTF_8));
        }
        if (!node.isObject()) {
            return new PartnerCenterError(null, null, node.isTextual() ? node.asText() : null, null, null, null,
                    List.of(), node);
        }
        return new PartnerCenterError(
                text(JsonBody.field(node, "code")),
                text(JsonBody.field(node, "description")),
                text(JsonBody.field(node, "message")),
                text(JsonBody.field(node, "errorName")),
                text(JsonBody.field(node, "source")),
                bool(JsonBody.field(node, "isRetryable")),
                items(JsonBody.field(node, "data")),
                node);
    }

    private static PartnerCenterError fromText(String text) {
        String kept = text.length() > MAX_TEXT_CHARS ? text.substring(0, MAX_TEXT_CHARS) : text;
        return new PartnerCenterError(null, null, null, null, null, null, List.of(),
                JsonNodeFactory.instance.textNode(kept));
    }

    /** True when the body said nothing at all. */
    public boolean isEmpty() {
        return raw.isNull() || raw.isMissingNode();
    }

    /**
     * The server's own explanation in one line: description, else message, else the start of a non-JSON body;
     * null when there is none.
     */
    public String explanation() {
        if (!MessageText.isBlank(description)) {
            return MessageText.clip(description, 300);
        }
        if (!MessageText.isBlank(message)) {
            return MessageText.clip(message, 300);
        }
        if (raw.isTextual() && !raw.asText().isBlank()) {
            return MessageText.clip(raw.asText(), 200);
        }
        return null;
    }

    private static String text(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (value.isIntegralNumber()) {
            return value.bigIntegerValue().toString();
        }
        if (value.isValueNode()) {
            String s = value.asText().strip();
            return s.isEmpty() ? null : s;
        }
        return value.toString();
    }

    private static Boolean bool(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        String s = value.asText().strip();
        if (s.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        return s.equalsIgnoreCase("false") ? Boolean.FALSE : null;
    }

    private static List<String> items(JsonNode value) {
        if (value == null || value.isNull()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(item -> {
                String s = text(item);
                if (s != null) {
                    out.add(s);
                }
            });
        } else {
            String s = text(value);
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }
}
