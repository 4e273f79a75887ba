package io.billingsync.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * The shipped {@code config/application.properties}, packed into the jar beside this class: the documented default of
 * every setting, Camel's too (the management port with health and metrics), under whatever file {@code --config}
 * names, so a short file of one's own changes only what it says.
 */
final class ShippedDefaults {
    static final String RESOURCE = "application.properties";

    private ShippedDefaults() {
    }

    static Properties load() {
        Properties defaults = new Properties();
        try (InputStream in = ShippedDefaults.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the shipped " + RESOURCE + " is missing from the jar: rebuild it");
            }
            defaults.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return defaults;
    }
}
