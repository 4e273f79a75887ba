package io.billingsync.partnercenter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A billing profile as Partner Center returned it, with the ETag that must accompany its update.
 *
 * @param profile the whole resource, with the server's field names and casing
 * @param etag    the ETag, bare (no {@code W/}, no quotes)
 */
public record CurrentProfile(ObjectNode profile, String etag) {

    public CurrentProfile {
        Objects.requireNonNull(profile, "profile");
        if (MessageText.isBlank(etag)) {
            throw new IllegalArgumentException("etag must not be blank");
        }
    }

    /**
     * Reads a successful GET or PUT response. The ETag comes from the {@code ETag} header when there is one,
     * else from {@code attributes.etag} in the body (field names matched ignoring case).
     *
     * @throws UnexpectedResponseException when the body is not a JSON object or carries no ETag
     */
    public static CurrentProfile read(byte[] body, String etagHeader) {
        JsonNode node;
        try {
            node = JsonBody.parse(body);
        } catch (IOException e) {
            throw new UnexpectedResponseException("Partner Center answered with a billing profile that is not valid JSON"
                    + describeBody(body) + ": " + MessageText.clip(e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage(), 200) + ".");
        }
        if (node == null || !node.isObject()) {
            throw new UnexpectedResponseException("Partner Center answered with a billing profile that is not a JSON object"
                    + describeBody(body) + ".");
        }
        ObjectNode profile = (ObjectNode) node;
        String etag = ETags.bare(etagHeader);
        if (etag == null) {
            etag = etagFromBody(profile);
        }
        if (etag == null) {
            throw new UnexpectedResponseException("Partner Center answered with a billing profile without an ETag "
                    + "(no ETag header and no attributes.etag): the profile cannot be updated safely.");
        }
        return new CurrentProfile(profile, etag);
    }

    private static String etagFromBody(ObjectNode profile) {
        JsonNode value = JsonBody.field(JsonBody.field(profile, "attributes"), "etag");
        return value != null && value.isValueNode() ? ETags.bare(value.asText()) : null;
    }

    private static String describeBody(byte[] body) {
        byte[] bare = JsonBody.stripBom(body);
        if (bare.length == 0) {
            return " (the body is empty)";
        }
        return " (it starts with: " + MessageText.clip(new String(bare, 0, Math.min(bare.length, 400),
                StandardCharsets.UTF_8), 80) + ")";
    }
}
