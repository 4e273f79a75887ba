package io.billingsync.config;

import io.billingsync.partnercenter.DurationSetting;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.PatternSyntaxException;
import java.util.Set;

/** How the settings' text is read; each refusal names the setting, the value and the fix. */
final class SettingParsers {
    private SettingParsers() {
    }

    static final Setting.Parser<String> TEXT = (name, value) -> value;
    static final Setting.Parser<Path> PATH = (name, value) -> Path.of(value);

    static final Setting.Parser<Boolean> BOOLEAN = (name, value) -> {
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException(name + "=" + value + " is not a boolean: use true or false");
        }
        return value.equalsIgnoreCase("true");
    };

    static final Setting.Parser<Duration> DURATION = (name, value) -> {
        try {
            return DurationSetting.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    };

    static Setting.Parser<Integer> integer(int min, int max) {
        return (name, value) -> {
            try {
                int parsed = Integer.parseInt(value);
                if (parsed >= min && parsed <= max) {
                    return parsed;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new IllegalArgumentException(name + "=" + value + " is not a whole number from " + min + " to " + max);
        };
    }

    /** A duration that bounds a wait: zero would mean waiting forever, so it is refused. */
    static Setting.Parser<Duration> positiveDuration(String example) {
        return (name, value) -> {
            Duration parsed = DURATION.parse(name, value);
            if (parsed.isZero()) {
                throw new IllegalArgumentException(name + "=" + value
                        + " would wait forever: give a positive duration such as " + example);
            }
            return parsed;
        };
    }

    static Setting.Parser<String> oneOf(String... choices) {
        List<String> allowed = Arrays.asList(choices);
        return (name, value) -> {
            if (!allowed.contains(value)) {
                throw new IllegalArgumentException(name + "=" + value + " is not one of: " + String.join(", ", allowed));
            }
            return value;
        };
    }

    private static final String KUBERNETES_NAME = "[a-z0-9]([-a-z0-9.]*[a-z0-9])?";

    /** A Kubernetes object name (RFC 1123 subdomain): lower case letters, digits, '-' and '.'. */
    static final Setting.Parser<String> KUBERNETES_NAME_TEXT = (name, value) -> {
        if (!value.matches(KUBERNETES_NAME) || value.length() > 200) {
            throw new IllegalArgumentException(name + "=" + value + " is not a Kubernetes name: use lower case letters,"
                    + " digits, '-' and '.', starting and ending with a letter or digit");
        }
        return value;
    };

    /** Kubernetes labels as {@code key=value,key=value}. */
    static final Setting.Parser<Map<String, String>> LABELS = (name, value) -> {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String pair : value.split(",")) {
            String[] keyValue = pair.split("=", -1);
            if (keyValue.length != 2 || keyValue[0].isBlank()) {
                throw new IllegalArgumentException(name + "=" + value + " is not a list of labels: write key=value,"
                        + " several separated by commas (e.g. app=billing-profile-sync)");
            }
            labels.put(keyValue[0].strip(), keyValue[1].strip());
        }
        return Map.copyOf(labels);
    };

    /**
     * Input mappings as {@code pattern=file, pattern=file}, in order (the first pattern a name matches wins): each
     * pattern a glob over inbox file names ({@code sap-*.csv}, {@code erp-*.{csv,txt}}), each file a mapping file.
     */
    static final Setting.Parser<Map<String, Path>> MAPPINGS_LIST = (name, value) -> {
        Map<String, Path> mappings = new LinkedHashMap<>();
        for (String pair : outsideBraces(value)) {
            int equals = pair.lastIndexOf('=');
            String pattern = equals < 0 ? "" : pair.substring(0, equals).strip();
            String file = equals < 0 ? "" : pair.substring(equals + 1).strip();
            if (pattern.isEmpty() || file.isEmpty()) {
                throw new IllegalArgumentException(name + "=" + value + " is not a list of mappings: write"
                        + " pattern=mapping-file, several separated by commas (e.g. sap-*.csv=config/sap-mapping.yaml)");
            }
            try {
                FileSystems.getDefault().getPathMatcher("glob:" + pattern);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(name + ": " + pattern + " is not a file-name pattern ("
                        + e.getDescription() + "): use * and ? as wildcards, {a,b} for either", e);
            }
            mappings.put(pattern, Path.of(file));
        }
        return Collections.unmodifiableMap(mappings);
    };

    /** The parts of a comma-separated list, commas inside {@code {...}} (a glob's choices) left in their part. */
    private static List<String> outsideBraces(String value) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int from = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            if (c == ',' && depth == 0) {
                parts.add(value.substring(from, i));
                from = i + 1;
            }
        }
        parts.add(value.substring(from));
        return parts;
    }

    /** Words separated by commas, e.g. Partner Center's address validation statuses {@code None,NotValidated}. */
    static final Setting.Parser<Set<String>> WORDS = (name, value) -> {
        Set<String> words = new LinkedHashSet<>();
        for (String word : value.split(",")) {
            if (!word.strip().matches("[A-Za-z]+")) {
                throw new IllegalArgumentException(name + "=" + value + " is not a list of words: write them separated"
                        + " by commas (e.g. None,NotValidated)");
            }
            words.add(word.strip());
        }
        return Set.copyOf(words);
    };

    /** An API server of our own infrastructure (not Partner Center): any http(s) URL. */
    static final Setting.Parser<URI> SERVER_URL = (name, value) -> {
        try {
            URI uri = URI.create(value);
            if (uri.getHost() != null && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + "=" + value + " is not an http(s) URL such as https://10.0.0.1:6443");
    };

    /** Partner Center and token endpoints: https with certificate checks, plain http only on loopback. */
    static Setting.Parser<URI> endpoint(String fix) {
        return (name, value) -> {
            URI uri;
            try {
                uri = URI.create(value.replaceAll("/+$", ""));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + "=" + value + " is not a URL: " + fix, e);
            }
            if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
                throw new IllegalArgumentException(name + "=" + value + " is not an http(s) URL: " + fix);
            }
            if ("http".equals(uri.getScheme()) && !isLoopback(uri.getHost())) {
                throw new IllegalArgumentException(name + "=" + value
                        + " must use https (plain http is accepted only for loopback addresses)");
            }
            return uri;
        };
    }

    private static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
            if (!literal.matches("[0-9.]+|[0-9a-fA-F:]+")) {
                return false; // never resolve names here: only literal loopback addresses count
            }
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
