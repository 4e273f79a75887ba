package io.billingsync.records;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Every name the service derives from an input file's name (its result record, journal, dead letters, temporary
 * files) goes through here, so that it fits the 255 bytes a file name may have even when the input's own name
 * already uses most of them.
 */
public final class FileNames {
    public static final int MAX_BYTES = 255;
    private static final int HASH_CHARS = 8;

    private FileNames() {
    }

    /**
     * {@code name + suffix} when it fits; otherwise {@code name} cut at a character boundary, {@code ~} and 8 hex
     * characters of the hash of the whole {@code name}, then {@code suffix}: distinct names stay distinct and the
     * same name always gives the same result.
     */
    public static String withSuffix(String name, String suffix) {
        if (utf8Length(name) + utf8Length(suffix) <= MAX_BYTES) {
            return name + suffix;
        }
        String marker = "~" + hash(name);
        int room = MAX_BYTES - utf8Length(marker) - utf8Length(suffix);
        if (room < 1) {
            return withSuffix(name + suffix, ""); // a suffix too long to keep whole
        }
        return prefix(name, room) + marker + suffix;
    }

    public static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    /** The longest start of {@code text} that is at most {@code maxBytes} in UTF-8, never splitting a character. */
    private static String prefix(String text, int maxBytes) {
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder();
        CharBuffer in = CharBuffer.wrap(text);
        encoder.encode(in, ByteBuffer.allocate(maxBytes), true);
        return text.substring(0, in.position());
    }

    private static String hash(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HASH_CHARS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
