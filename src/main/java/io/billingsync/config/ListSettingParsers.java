package io.billingsync.config;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.PatternSyntaxException;

/** How settings that hold a list are read (labels, mappings, words); each refusal names the setting, the value and the fix. */
final class ListSettingParsers {
    private ListSettingParsers() {
    }

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
}
