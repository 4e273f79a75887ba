package io.billingsync.service;

import io.billingsync.config.InvalidSettingsException;
import java.util.Locale;
import java.util.Properties;

/**
 * Jolokia (for Hawtio) at {@code /observe/jolokia} on the management port is off unless switched on, and never
 * without authentication: a start that switches it on without Camel's management-server authentication over its path
 * stops with exit code 2, saying what to set (docs/MONITORING.md).
 */
final class JolokiaAccess {
    static final String PREFIX = "camel.management.";

    private JolokiaAccess() {
    }

    static boolean enabled(Properties properties) {
        return Boolean.parseBoolean(value(properties, "jolokia-enabled", "false"));
    }

    /**
     * Camel's MBeans (camel-management) are what Jolokia serves; without Jolokia nobody reads them, so they are not
     * registered unless JMX is asked for (camel.main.jmx-enabled): a shorter start, less memory.
     */
    static void jmxOnlyForJolokia(Properties camelProperties) {
        if (!enabled(camelProperties)) {
            camelProperties.putIfAbsent("camel.main.jmx-enabled", "false");
        }
    }

    static void check(Properties properties) {
        if (!enabled(properties)) {
            return;
        }
        String jolokia = value(properties, "jolokia-path", "/observe/jolokia");
        String path = value(properties, "authentication-path", "/*");
        boolean covered = path.equals("/*") || (path.endsWith("/*") && jolokia.startsWith(path.substring(0, path.length() - 1)))
                || path.equals(jolokia + "/*");
        boolean authenticated = Boolean.parseBoolean(value(properties, "authentication-enabled", "false"))
                && (!value(properties, "basic-properties-file", "").isBlank() || !value(properties, "jwt-keystore-path", "").isBlank());
        if (!authenticated || !covered) {
            throw new InvalidSettingsException(PREFIX + "jolokia-enabled=true needs authentication: set " + PREFIX
                    + "authentication-enabled=true, " + PREFIX + "authentication-path=" + jolokia + "/* and " + PREFIX
                    + "basic-properties-file to a file of users (docs/MONITORING.md), or switch Jolokia off");
        }
    }

    /** A camel.management.* value, written kebab-case or camelCase. */
    private static String value(Properties properties, String kebab, String otherwise) {
        String wanted = (PREFIX + kebab).replace("-", "").toLowerCase(Locale.ROOT);
        for (String name : properties.stringPropertyNames()) {
            if (name.replace("-", "").toLowerCase(Locale.ROOT).equals(wanted)) {
                return properties.getProperty(name).trim();
            }
        }
        return otherwise;
    }
}
