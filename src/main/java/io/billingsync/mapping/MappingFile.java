package io.billingsync.mapping;

import static io.billingsync.mapping.MappingProblems.line;
import static io.billingsync.mapping.MappingProblems.text;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

/**
 * Reads a mapping file (YAML, docs/MAPPINGS.md) and checks all of it before the service starts: every mistake is
 * reported at once with its line and the fix ({@link InvalidMappingException}).
 */
public final class MappingFile {
    private static final List<String> KEYS = List.of("format", "csv", "records", "fields");
    private static final List<String> CSV_KEYS = List.of("delimiter", "quote", "charset", "trim");

    private MappingFile() {
    }

    public static Mapping load(Path file) {
        MappingProblems problems = new MappingProblems(file.toString());
        Optional<Node> root = Optional.empty();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = new Compose(LoadSettings.builder().setLabel(file.toString()).build()).composeReader(in);
        } catch (IOException e) {
            problems.add(0, "cannot be read (" + e + "): check the path in sync.mappings");
        } catch (MarkedYamlEngineException e) {
            problems.add(line(e.getProblemMark()), "not valid YAML: " + e.getProblem()
                    + (e.getContext() == null ? "" : " (" + e.getContext() + ")"));
        } catch (YamlEngineException e) {
            problems.add(0, "not valid YAML: " + e.getMessage());
        }
        problems.failIfAny();
        if (root.isEmpty()) {
            problems.add(0, "is empty: give at least `format:` and `fields:`");
            problems.failIfAny();
        }
        Mapping mapping = read(file, root.get(), problems);
        problems.failIfAny();
        return mapping;
    }

    private static Mapping read(Path file, Node root, MappingProblems problems) {
        Map<String, Node> keys = new LinkedHashMap<>();
        List<NodeTuple> entries = problems.entries(root, "the mapping");
        if (entries == null) {
            return null;
        }
        for (NodeTuple entry : entries) {
            String key = text(entry.getKeyNode());
            if (!KEYS.contains(key)) {
                problems.add(entry.getKeyNode(), "unknown key \"" + key + "\"; a mapping has: " + String.join(", ", KEYS));
            }
            keys.put(key, entry.getValueNode());
        }
        Mapping.Format format = format(keys.get("format"), problems, line(root));
        if (format == null) {
            return null;
        }
        CsvLayout csv = null;
        if (format == Mapping.Format.CSV) {
            csv = csvLayout(keys.get("csv"), problems);
        } else if (keys.containsKey("csv")) {
            problems.add(keys.get("csv"), "csv: applies to format: csv only; remove it");
        }
        List<String> records = List.of();
        if (keys.containsKey("records")) {
            String path = text(keys.get("records"));
            if (format == Mapping.Format.CSV || path == null || path.isBlank()) {
                problems.add(keys.get("records"), format == Mapping.Format.CSV ? "records: applies to format: json only"
                        : "records must be the keys leading to the array of records, dotted, such as `value` or `d.results`");
            } else {
                records = Arrays.stream(path.split("\\.")).map(String::strip).toList();
            }
        }
        if (!keys.containsKey("fields")) {
            problems.add(line(root), "no fields: list under `fields:` how each target is read, starting with customerId");
            return null;
        }
        List<FieldRule> fields = new FieldRules(problems, format).read(keys.get("fields"));
        return new Mapping(file, format, csv, records, fields);
    }

    private static Mapping.Format format(Node node, MappingProblems problems, int rootLine) {
        String format = node == null ? null : text(node);
        if ("csv".equals(format)) {
            return Mapping.Format.CSV;
        }
        if ("json".equals(format)) {
            return Mapping.Format.JSON;
        }
        problems.add(node == null ? rootLine : line(node), (format == null ? "no format" : "format: " + format + " is not known")
                + ": write `format: csv` (a CSV export with a header row) or `format: json` (JSON or NDJSON records)");
        return null;
    }

    private static CsvLayout csvLayout(Node node, MappingProblems problems) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, Node> nodes = new LinkedHashMap<>();
        List<NodeTuple> entries = node == null ? List.of() : problems.entries(node, "csv");
        for (NodeTuple entry : entries == null ? List.<NodeTuple>of() : entries) {
            String key = text(entry.getKeyNode());
            if (!CSV_KEYS.contains(key)) {
                problems.add(entry.getKeyNode(), "unknown key \"" + key + "\" in csv; known: " + String.join(", ", CSV_KEYS));
            }
            values.put(key, text(entry.getValueNode()));
            nodes.put(key, entry.getValueNode());
        }
        char delimiter = character(values.getOrDefault("delimiter", ","), "delimiter", nodes, problems);
        char quote = character(values.getOrDefault("quote", "\""), "quote", nodes, problems);
        if (delimiter == quote) {
            problems.add(nodes.getOrDefault("quote", node), "the quote and the delimiter must differ");
        }
        String charsetName = values.getOrDefault("charset", "UTF-8");
        Charset charset = StandardCharsets.UTF_8;
        try {
            charset = Charset.forName(charsetName);
        } catch (RuntimeException e) {
            problems.add(nodes.get("charset"), "charset " + charsetName + " is not known: use UTF-8 (with or without a"
                    + " byte-order mark), windows-1252 or ISO-8859-1");
        }
        String trim = values.getOrDefault("trim", "true");
        if (!trim.equals("true") && !trim.equals("false")) {
            problems.add(nodes.get("trim"), "trim must be true (spaces around a value are dropped) or false");
        }
        return new CsvLayout(delimiter, quote, charset, trim.equals("true"));
    }

    private static char character(String value, String key, Map<String, Node> nodes, MappingProblems problems) {
        if (value == null || value.length() != 1 || value.equals("\n") || value.equals("\r")) {
            problems.add(nodes.get(key), key + " must be one character, such as \";\" (quote it in YAML)");
            return key.equals("quote") ? '"' : ',';
        }
        return value.charAt(0);
    }
}
