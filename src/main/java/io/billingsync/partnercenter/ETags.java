package io.billingsync.partnercenter;

/** ETag values as they appear in headers ({@code W/"x"}, {@code "x"}) and bodies ({@code x}). */
final class ETags {

    private ETags() {
    }

    /** The opaque value without a weak prefix or surrounding quotes; null when blank or absent. */
    static String bare(String value) {
        if (value == null) {
            return null;
        }
        String v = value.strip();
        if (v.startsWith("W/") || v.startsWith("w/")) {
            v = v.substring(2).strip();
        }
        if (isQuoted(v)) {
            v = v.substring(1, v.length() - 1);
        }
        return v.isBlank() ? null : v;
    }

    static boolean isQuoted(String v) {
        return v.length() >= 2 && v.charAt(0) == '"' && v.charAt(v.length() - 1) == '"';
    }
}
