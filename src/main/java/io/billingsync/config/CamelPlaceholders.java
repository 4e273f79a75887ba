package io.billingsync.config;

import java.time.Duration;
import java.util.Properties;

/**
 * The checked settings as the routes' placeholders read them ({@code {{sync.inbox.quiet-period}}}): each value in
 * the form the service read it (a base URL without its trailing slashes, {@code true}/{@code false}), and every
 * duration in milliseconds with its unit ({@code 1500ms}). Camel reads {@code 1s} or {@code 500ms} for its wait
 * options but takes ISO-8601 ({@code PT15M}) or upper case ({@code 1S}) silently as 0, so it never sees those.
 */
public final class CamelPlaceholders {
    private CamelPlaceholders() {
    }

    public static void addTo(SyncSettings settings, Properties properties) {
        for (Setting<?> setting : SettingsTable.ALL) {
            Object value = settings.value(setting);
            if (value != null) {
                properties.setProperty(setting.name(), value instanceof Duration d ? d.toMillis() + "ms" : value.toString());
            }
        }
        properties.setProperty("sync.desired-state.enabled", String.valueOf(settings.desiredStateEnabled() && !settings.once()));
        properties.setProperty("sync.sftp.enabled", String.valueOf(settings.sftpEnabled()));
    }
}
