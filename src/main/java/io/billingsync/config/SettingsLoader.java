package io.billingsync.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

/**
 * Resolves the configuration: the properties file, then environment variables, then {@code -D} system
 * properties, then what the command line set. One resolution serves the service's own settings and the
 * Camel placeholders in the routes, so both always see the same values.
 */
public final class SettingsLoader {

    private final Map<String, String> environment;
    private final Properties systemProperties;

    public SettingsLoader(Map<String, String> environment, Properties systemProperties) {
        this.environment = environment;
        this.systemProperties = systemProperties;
    }

    public static SettingsLoader fromProcess() {
        return new SettingsLoader(System.getenv(), System.getProperties());
    }

    /** The environment variable that overrides a property: upper case, '.' and '-' as '_'. */
    public static String environmentName(String property) {
        return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static String outsideTheEnvironment(Setting<String> secret) {
        return " is a secret and is taken only from the environment (a file or a command line can be read by others):"
                + " remove it here and set " + environmentName(secret.name())
                + " in the service's environment (systemd: its EnvironmentFile; Kubernetes: from a Secret)";
    }

    /**
     * The settings: the shipped {@code config/application.properties} (in the jar) first, so its defaults hold whatever
     * the operator's file leaves out (the management port among them), then that file, the environment, -D and the
     * command line.
     */
    public Properties load(Path configFile, Map<String, String> commandLine) {
        Properties own = new Properties();
        List<String> refused = new ArrayList<>();
        if (configFile != null) {
            if (!Files.isRegularFile(configFile)) {
                throw new InvalidSettingsException(
                        "configuration file " + configFile + " does not exist: pass an existing file with --config FILE");
            }
            try (Reader reader = Files.newBufferedReader(configFile, StandardCharsets.UTF_8)) {
                own.load(reader);
            } catch (IOException e) {
                throw new InvalidSettingsException("cannot read configuration file " + configFile + ": " + e.getMessage());
            }
            refused.addAll(UnknownSettingNames.among(new TreeSet<>(own.stringPropertyNames()), configFile + ": "));
        }
        refused.addAll(UnknownSettingNames.amongEnvironment(environment));
        for (Setting<String> secret : SettingsTable.ENVIRONMENT_ONLY) {
            if (own.containsKey(secret.name())) {
                refused.add(configFile + ": " + secret.name() + outsideTheEnvironment(secret));
            }
            if (systemProperties.containsKey(secret.name()) || commandLine.containsKey(secret.name())) {
                refused.add("-D" + secret.name() + outsideTheEnvironment(secret));
            }
        }
        refused.addAll(UnknownSettingNames.among(new TreeSet<>(systemProperties.stringPropertyNames()), "-D"));
        refused.addAll(UnknownSettingNames.among(new TreeSet<>(commandLine.keySet()), "-D"));
        if (!refused.isEmpty()) {
            throw InvalidSettingsException.of(refused);
        }
        Properties resolved = ShippedDefaults.load();
        resolved.putAll(own);
        TreeSet<String> names = new TreeSet<>(SettingsTable.NAMES);
        resolved.stringPropertyNames().forEach(names::add);
        for (String name : names) {
            String fromEnvironment = environment.get(environmentName(name));
            if (fromEnvironment != null) {
                resolved.setProperty(name, fromEnvironment);
            }
        }
        for (String name : systemProperties.stringPropertyNames()) {
            if (names.contains(name) || UnknownSettingNames.inNamespace(name) || name.startsWith("camel.")) {
                resolved.setProperty(name, systemProperties.getProperty(name));
            }
        }
        commandLine.forEach(resolved::setProperty);
        return resolved;
    }
}
