package io.billingsync.config;

import io.billingsync.partnercenter.StaticTokenProvider;
import io.billingsync.partnercenter.TokenProvider;

/** The token source the settings ask for: a static bearer token, or the App + User refresh-token grant. */
public final class TokenProviders {
    private TokenProviders() {
    }

    public static TokenProvider create(SyncSettings settings) {
        if (settings.auth() == null) {
            return new StaticTokenProvider(settings.staticToken());
        }
        throw new InvalidSettingsException("the refresh-token grant (" + SettingNames.TOKEN_URL
                + ") is not available in this build: set a static bearer token in "
                + SettingsLoader.environmentName(SettingNames.TOKEN));
    }
}
