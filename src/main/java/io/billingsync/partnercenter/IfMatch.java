package io.billingsync.partnercenter;

/** The {@code If-Match} header Partner Center wants on an update: the ETag in double quotes. */
public final class IfMatch {

    private IfMatch() {
    }

    /**
     * {@code "<etag>"}; an already quoted ETag is returned as it is, a weak one ({@code W/"x"}) loses its prefix
     * because If-Match compares strongly.
     *
     * @throws IllegalArgumentException for a blank ETag or one that cannot travel in a header
     */
    public static String header(String etag) {
        String bare = ETags.bare(etag);
        if (bare == null) {
            throw new IllegalArgumentException("an ETag is required for If-Match");
        }
        for (int i = 0; i < bare.length(); i++) {
            char c = bare.charAt(i);
            if (c == '"' || c < 0x20 || c == 0x7F) {
                throw new IllegalArgumentException("the ETag contains a character that cannot be sent in If-Match");
            }
        }
        return '"' + bare + '"';
    }
}
