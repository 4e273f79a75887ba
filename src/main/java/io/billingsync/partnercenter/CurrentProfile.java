package io.billingsync.partnercenter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

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
     * The profile a successful GET answered. Its ETag is {@code attributes.etag} in the body (field names matched
     * ignoring case); an {@code ETag} header counts only when the body has none, since a proxy or gateway may add
     * its own hash of the body there.
     *
     * @throws UnexpectedResponseException when neither carries an ETag: the profile cannot be updated safely
     */
    public static CurrentProfile of(ObjectNode profile, String etagHeader) {
        String etag = etag(profile, etagHeader);
        if (etag == null) {
            throw new UnexpectedResponseException("Partner Center answered with a billing profile without an ETag "
                    + "(no attributes.etag and no ETag header): the profile cannot be updated safely.");
        }
        return new CurrentProfile(profile, etag);
    }

    /** The ETag an answer carries: the body's {@code attributes.etag}, else the header's; null when neither has one. */
    public static String etag(ObjectNode body, String etagHeader) {
        String fromBody = body == null ? null : etagFromBody(body);
        return fromBody != null ? fromBody : ETags.bare(etagHeader);
    }

    private static String etagFromBody(ObjectNode profile) {
        JsonNode value = JsonBody.field(JsonBody.field(profile, "attributes"), "etag");
        return value != null && value.isValueNode() ? ETags.bare(value.asText()) : null;
    }
}
