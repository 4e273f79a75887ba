package io.billingsync.config;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import io.billingsync.partnercenter.RefreshTokenProvider;
import io.billingsync.partnercenter.RefreshTokenStore;
import io.billingsync.partnercenter.StaticTokenProvider;
import io.billingsync.partnercenter.TokenProvider;
import io.billingsync.records.AtomicFiles;

/** The token source the settings ask for: a static bearer token, or the App + User refresh-token grant. */
public final class TokenProviders {
    private TokenProviders() {
    }

    public static TokenProvider create(SyncSettings settings) {
        if (settings.auth() == null) {
            return new StaticTokenProvider(settings.staticToken());
        }
        SyncSettings.AuthSettings auth = settings.auth();
        RefreshTokenStore refreshTokens = auth.refreshTokenFile() != null
                ? RefreshTokenStore.fromFile(auth.refreshTokenFile(), AtomicFiles::write)
                : RefreshTokenStore.inMemory(auth.refreshToken());
        return new RefreshTokenProvider(auth.tokenUrl(), auth.clientId(), auth.clientSecret(), refreshTokens,
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(), Clock.systemUTC(),
                Duration.ofMinutes(2));
    }
}
