package io.billingsync.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The field paths a merge patch sets ({@code email}, {@code defaultaddress.city}; lower case, as field names match
 * case-insensitively): a value or {@code null} sets its path, an object sets the paths inside it.
 */
final class FieldPaths {

    static Set<String> of(ObjectNode patch) {
        Set<String> paths = new LinkedHashSet<>();
        collect(patch, "", paths);
        return paths;
    }

    private static void collect(ObjectNode object, String prefix, Set<String> paths) {
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String path = prefix + field.getKey().toLowerCase(Locale.ROOT);
            if (field.getValue().isObject()) {
                collect((ObjectNode) field.getValue(), path + ".", paths);
            } else {
                paths.add(path);
            }
        }
    }

    /** Whether one path is the other or contains it: writing either writes (part of) the other. */
    static boolean overlap(String a, String b) {
        return a.equals(b) || a.startsWith(b + ".") || b.startsWith(a + ".");
    }

    /** The patch without the dropped paths; objects left empty are left out. */
    static ObjectNode without(ObjectNode patch, Set<String> dropped) {
        return without(patch, "", dropped);
    }

    private static ObjectNode without(ObjectNode object, String prefix, Set<String> dropped) {
        ObjectNode kept = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String path = prefix + field.getKey().toLowerCase(Locale.ROOT);
            if (field.getValue().isObject()) {
                ObjectNode inner = without((ObjectNode) field.getValue(), path + ".", dropped);
                if (!inner.isEmpty()) {
                    kept.set(field.getKey(), inner);
                }
            } else if (!dropped.contains(path)) {
                kept.set(field.getKey(), field.getValue());
            }
        }
        return kept;
    }

    private FieldPaths() {
    }
}
