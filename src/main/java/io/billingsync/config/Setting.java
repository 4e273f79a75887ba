package io.billingsync.config;

/**
 * One setting of the service, declared once in {@link SettingsTable}: its name, its default as it is written in
 * {@code config/application.properties} and docs/CONFIGURATION.md (null: no default), how its text is read, and what
 * it means (that page's table row, so a link in it is relative to docs/).
 */
public record Setting<T>(String name, String defaultValue, Parser<T> parser, String meaning) {

    /** Reads a setting's text; a bad value is an {@link IllegalArgumentException} whose message names it and the fix. */
    @FunctionalInterface
    public interface Parser<T> {
        T parse(String name, String value);
    }

    /** The default, read as the setting would be; null when there is none. */
    public T defaultParsed() {
        return defaultValue == null ? null : parser.parse(name, defaultValue);
    }
}
