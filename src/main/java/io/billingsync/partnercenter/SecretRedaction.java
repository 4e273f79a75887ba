package io.billingsync.partnercenter;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Takes credentials out of what a server sent back before it is stored or logged: {@code Authorization} values,
 * {@code Bearer ...} tokens and, verbatim, the tokens in use (a gateway may echo the request's headers in its
 * error page). The one place server bodies are cleaned; profiles (2xx JSON objects) are not touched.
 */
public final class SecretRedaction {
    public static final String REDACTED = "[redacted]";
    private static final Pattern AUTHORIZATION = Pattern.compile("(?i)(authorization\"?\\s*[:=]\\s*\"?)[^\"\\r\\n;,}]+");
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9\\-._~+/]{8,}=*");
    /** Shorter strings are not searched for verbatim: they would mangle ordinary text. */
    private static final int MIN_SECRET_LENGTH = 8;

    private final Supplier<? extends Collection<String>> secrets;

    /** @param secrets the tokens currently in use, asked for each time (they rotate) */
    public SecretRedaction(Supplier<? extends Collection<String>> secrets) {
        this.secrets = Objects.requireNonNull(secrets, "secrets");
    }

    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String cleaned = AUTHORIZATION.matcher(text).replaceAll("$1" + REDACTED);
        cleaned = BEARER.matcher(cleaned).replaceAll("$1" + REDACTED);
        for (String secret : secrets.get()) {
            if (secret != null && secret.strip().length() >= MIN_SECRET_LENGTH) {
                cleaned = cleaned.replace(secret.strip(), REDACTED);
            }
        }
        return cleaned;
    }

    /** A body as UTF-8 text, redacted; returned unchanged (same array) when there was nothing to take out. */
    public byte[] redact(byte[] body) {
        if (body == null || body.length == 0) {
            return body;
        }
        String text = new String(body, StandardCharsets.UTF_8);
        String cleaned = redact(text);
        return cleaned.equals(text) ? body : cleaned.getBytes(StandardCharsets.UTF_8);
    }
}
