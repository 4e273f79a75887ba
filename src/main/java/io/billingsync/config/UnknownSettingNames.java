package io.billingsync.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Names in the service's namespaces that are not settings (a typo would otherwise be ignored without a word),
 * each reported as the user spelled it, with the closest setting that exists.
 */
final class UnknownSettingNames {
    private UnknownSettingNames() {
    }

    /** Property names, e.g. from the file ({@code prefix} "FILE: ") or from {@code -D} ({@code prefix} "-D"). */
    static List<String> among(Collection<String> names, String prefix) {
        List<String> problems = new ArrayList<>();
        for (String name : names) {
            if (inNamespace(name) && !SettingsTable.NAMES.contains(name)) {
                problems.add(prefix + name + " is not a setting: did you mean " + closest(name, SettingsTable.NAMES) + "?");
            }
        }
        return problems;
    }

    static List<String> amongEnvironment(Map<String, String> environment) {
        List<String> known = SettingsTable.NAMES.stream().map(SettingsLoader::environmentName).toList();
        List<String> prefixes = SettingsTable.NAMESPACES.stream().map(SettingsLoader::environmentName).toList();
        List<String> problems = new ArrayList<>();
        for (String variable : environment.keySet().stream().sorted().toList()) {
            if (prefixes.stream().anyMatch(variable::startsWith) && !known.contains(variable)) {
                problems.add("environment variable " + variable + " is not a setting: did you mean " + closest(variable, known) + "?");
            }
        }
        return problems;
    }

    static boolean inNamespace(String name) {
        return SettingsTable.NAMESPACES.stream().anyMatch(name::startsWith);
    }

    static String closest(String name, Collection<String> candidates) {
        return candidates.stream().min(Comparator.comparingInt(candidate -> editDistance(name, candidate))).orElseThrow();
    }

    /** Levenshtein distance: insertions, deletions and substitutions to turn {@code a} into {@code b}. */
    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
