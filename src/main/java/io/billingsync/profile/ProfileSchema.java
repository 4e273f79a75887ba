package io.billingsync.profile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The documented shape of Partner Center's CustomerBillingProfile and its Address: field names (matched
 * case-insensitively), which are objects, which are read-only, and the documented value limits.
 */
public final class ProfileSchema {

    /** One documented field: its canonical camelCase name, nested fields if it is an object, its limits. */
    public record Field(String name, boolean readOnly, ProfileSchema nested, int minLength, int maxLength) {
        public boolean isObject() {
            return nested != null;
        }
    }

    public static final ProfileSchema ADDRESS = new ProfileSchema("defaultAddress", List.of(
            text("country", 2, 2), text("region"), text("city"), text("state", 0, 2),
            text("addressLine1", 1, 200), text("addressLine2", 0, 200), text("postalCode"),
            text("firstName", 1, 50), text("middleName"), text("lastName", 1, 50), text("phoneNumber")));

    public static final ProfileSchema BILLING_PROFILE = new ProfileSchema("", List.of(
            new Field("id", true, null, 0, Integer.MAX_VALUE),
            text("firstName"), text("lastName"), text("email"), text("culture"), text("language"), text("companyName"),
            new Field("defaultAddress", false, ADDRESS, 0, Integer.MAX_VALUE),
            new Field("links", true, null, 0, Integer.MAX_VALUE),
            new Field("attributes", true, null, 0, Integer.MAX_VALUE)));

    public static final Set<String> READ_ONLY = Set.of("id", "links", "attributes");

    private final String path;
    private final Map<String, Field> byLowerCaseName = new LinkedHashMap<>();

    private ProfileSchema(String path, List<Field> fields) {
        this.path = path;
        fields.forEach(f -> byLowerCaseName.put(f.name().toLowerCase(Locale.ROOT), f));
    }

    private static Field text(String name) {
        return text(name, 0, Integer.MAX_VALUE);
    }

    private static Field text(String name, int min, int max) {
        return new Field(name, false, null, min, max);
    }

    /** The field a name denotes, whatever its casing; null when the name is not documented. */
    public Field field(String anyCase) {
        return byLowerCaseName.get(anyCase.toLowerCase(Locale.ROOT));
    }

    /** The documented names, for messages that list what is known. */
    public List<String> names() {
        return byLowerCaseName.values().stream().map(Field::name).toList();
    }

    /** The dotted path prefix of this object's fields ("" at the top, "defaultAddress." inside the address). */
    public String pathOf(String fieldName) {
        return path.isEmpty() ? fieldName : path + "." + fieldName;
    }
}
