package io.billingsync.partnercenter;

/** Where the bearer token for Partner Center comes from. Implementations are thread-safe. */
public interface TokenProvider {

    /** A token that is valid now (fetching or refreshing one when needed). Never logged or put in a message. */
    String accessToken();

    /**
     * Partner Center answered 401 to a request carrying {@code rejectedToken}: the next {@link #accessToken()}
     * must not return it again. If another thread has already replaced that token, nothing happens.
     */
    void invalidate(String rejectedToken);

    /** Whether {@link #invalidate} can lead to a different token, i.e. whether retrying after a 401 can help. */
    boolean canRefresh();

    /**
     * The credentials in use now, without fetching any (for {@link SecretRedaction}: a server may echo them).
     * Never logged or put in a message.
     */
    default java.util.List<String> tokensInUse() {
        return java.util.List.of();
    }

    /** When the refresh token was last rotated (saved), or read at start from its file; null without one. */
    default java.time.Instant refreshTokenRotated() {
        return null;
    }

    /** Token requests that failed since start (refused, or the token endpoint unavailable); 0 without a grant. */
    default long refreshFailures() {
        return 0;
    }
}
