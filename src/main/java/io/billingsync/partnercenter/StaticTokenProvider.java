package io.billingsync.partnercenter;

/** A fixed bearer token (configured as {@code partnercenter.token}, or minted elsewhere). */
public final class StaticTokenProvider implements TokenProvider {

    private final String token;

    public StaticTokenProvider(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("the static bearer token is empty");
        }
        this.token = token.strip();
    }

    @Override
    public String accessToken() {
        return token;
    }

    /** A fixed token cannot be replaced; the caller learns that from {@link #canRefresh()}. */
    @Override
    public void invalidate(String rejectedToken) {
    }

    @Override
    public boolean canRefresh() {
        return false;
    }

    @Override
    public java.util.List<String> tokensInUse() {
        return java.util.List.of(token);
    }

    @Override
    public String toString() {
        return "StaticTokenProvider[token=***]";
    }
}
