package io.billingsync.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The changes a test writes, file by file, in the order they must be applied. */
public final class ChangeLog {
    private final Map<String, List<ExpectedChange>> files = new LinkedHashMap<>();

    /** Adds the change at the end of the file's changes; returns its NDJSON line, line end included. */
    public String add(String file, ExpectedChange change) {
        files.computeIfAbsent(file, f -> new ArrayList<>()).add(change);
        return change.json() + "\n";
    }

    public Set<String> files() {
        return files.keySet();
    }

    public List<ExpectedChange> of(String file) {
        return List.copyOf(files.getOrDefault(file, List.of()));
    }

    /** Every change, file after file. */
    public List<ExpectedChange> all() {
        return files.values().stream().flatMap(List::stream).toList();
    }
}
