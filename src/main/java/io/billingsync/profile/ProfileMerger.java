package io.billingsync.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Applies a change to the current billing profile as a JSON Merge Patch (RFC 7396): a value replaces, an
 * object merges, {@code null} clears. Two deliberate refinements for Partner Center:
 * <ul>
 * <li>Names match case-insensitively (the API's examples send PascalCase and return camelCase); the merged
 * profile keeps the server's casing, and a name the server did not return is added in the documented
 * camelCase.</li>
 * <li>A {@code null} sets the field to JSON {@code null} instead of removing it: PUT takes the full resource,
 * and Partner Center itself shows cleared fields as {@code null} (e.g. {@code "addressLine2": null}).</li>
 * </ul>
 * Every field the change does not name, unknown ones included, is sent back untouched and in its order.
 */
public final class ProfileMerger {

    public MergeResult merge(ObjectNode current, ObjectNode changes) {
        ObjectNode merged = current.deepCopy();
        List<String> changed = new ArrayList<>();
        mergeInto(merged, changes, ProfileSchema.BILLING_PROFILE, "", changed);
        return new MergeResult(merged, List.copyOf(changed));
    }

    private static void mergeInto(ObjectNode target, ObjectNode patch, ProfileSchema schema, String prefix,
                                  List<String> changed) {
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String name = serverName(target, entry.getKey(), schema);
            String path = prefix + name;
            JsonNode value = entry.getValue();
            JsonNode existing = target.get(name);
            ProfileSchema.Field field = schema == null ? null : schema.field(name);
            if (value.isObject()) {
                ProfileSchema nested = field == null ? null : field.nested();
                if (existing != null && existing.isObject()) {
                    mergeInto((ObjectNode) existing, (ObjectNode) value, nested, path + ".", changed);
                } else {
                    // RFC 7396: an object patch onto a missing or non-object value merges into an empty object
                    ObjectNode created = target.objectNode();
                    int before = changed.size();
                    mergeInto(created, (ObjectNode) value, nested, path + ".", changed);
                    if (changed.size() > before) {
                        target.set(name, created);
                    }
                }
            } else if (existing == null ? !value.isNull() : !existing.equals(value)) {
                // a null for a field the server did not return changes nothing
                target.set(name, value.isNull() ? NullNode.getInstance() : value);
                changed.add(path);
            }
        }
    }

    /** The name to write: the server's own casing when it returned the field, else the documented one. */
    private static String serverName(ObjectNode target, String anyCase, ProfileSchema schema) {
        if (target.has(anyCase)) {
            return anyCase;
        }
        String lower = anyCase.toLowerCase(Locale.ROOT);
        for (Iterator<String> names = target.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (name.toLowerCase(Locale.ROOT).equals(lower)) {
                return name;
            }
        }
        ProfileSchema.Field field = schema == null ? null : schema.field(anyCase);
        return field != null ? field.name() : anyCase;
    }
}
