package io.billingsync.change;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billingsync.profile.ProfileSchema;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks one change request before any request is made: a GUID customerId (it goes into a URL), a
 * {@code changes} object whose every name is a documented, writable profile field (case-insensitively) with a
 * value of the right type and length, a {@code changedAt} with its offset and not too far ahead of the clock
 * ({@link ChangedAtCheck}). Each problem is a sentence naming the field and the fix.
 */
public final class ChangeValidator {
    private static final Pattern GUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final List<String> TOP_LEVEL = List.of("customerId", "changeId", "changedAt", "sequence", "force", "changes");

    /** A valid change, or the problem with it and whatever ids it names (for records and logs). */
    public record Result(ChangeRequest change, String problem, String customerId, String changeId) {
    }

    private final ChangedAtCheck changedAtCheck;

    /** Checks {@code changedAt} against {@code clock}: at most {@code clockSkew} ahead of it. */
    public ChangeValidator(Clock clock, Duration clockSkew) {
        this.changedAtCheck = new ChangedAtCheck(clock, clockSkew);
    }

    /** Does not compare {@code changedAt} with any clock (checks of the format alone). */
    public ChangeValidator() {
        this(null, Duration.ZERO);
    }

    public Result validate(JsonNode value) {
        Result result = check(value);
        if (result.change() != null || !value.isObject()) {
            return result;
        }
        return new Result(null, result.problem(), textOf(value.get("customerId")), textOf(value.get("changeId")));
    }

    private static String textOf(JsonNode node) {
        return node != null && (node.isTextual() || node.isNumber()) ? printable(node.asText()) : null;
    }

    private Result check(JsonNode value) {
        if (!value.isObject()) {
            return problem("a change request must be a JSON object with customerId and changes, not "
                    + kind(value));
        }
        for (Iterator<String> names = value.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!TOP_LEVEL.contains(name)) {
                return problem("unknown field \"" + name + "\" in the change request; allowed: " + String.join(", ", TOP_LEVEL));
            }
        }
        JsonNode customerId = value.get("customerId");
        if (customerId == null || customerId.isNull()) {
            return problem("customerId is missing: give the customer tenant id as a string GUID");
        }
        if (!customerId.isTextual()) {
            return problem("customerId must be a string GUID (like a58ceba5-60ac-48e4-a0bc-2a855811807a), not "
                    + kind(customerId));
        }
        if (!GUID.matcher(customerId.asText()).matches()) {
            return problem("customerId \"" + printable(customerId.asText()) + "\" is not a GUID "
                    + "(expected like a58ceba5-60ac-48e4-a0bc-2a855811807a)");
        }
        JsonNode changeId = value.get("changeId");
        if (changeId != null && !changeId.isNull() && !changeId.isTextual() && !changeId.isNumber()) {
            return problem("changeId must be a string, not " + kind(changeId));
        }
        if (changeId != null && changeId.isTextual() && changeId.asText().isBlank()) {
            // an empty reference would make every later change with one a duplicate or a reused id of the first
            return problem("changeId is empty: leave it out, or give the source system's reference for the change");
        }
        JsonNode changedAt = value.get("changedAt");
        Instant when = changedAt == null || changedAt.isNull() ? null : ChangeTimes.parse(changedAt.asText());
        String timeProblem = changedAtCheck.problem(changedAt, when);
        if (timeProblem != null) {
            return problem(timeProblem);
        }
        JsonNode sequence = value.get("sequence");
        if (sequence != null && !sequence.isNull() && !(sequence.isNumber() && sequence.canConvertToExactIntegral() && sequence.canConvertToLong() && sequence.asLong() > 0)) {
            return problem("sequence must be a positive whole number (the place this service gave the change when it"
                    + " was dead-lettered; leave it out in new changes), not " + kind(sequence));
        }
        JsonNode force = value.get("force");
        if (force != null && !force.isBoolean()) {
            return problem("force must be true or false (written by `replay --force`), not " + kind(force));
        }
        JsonNode changes = value.get("changes");
        if (changes == null || !changes.isObject()) {
            return problem("changes is missing or not an object: give the fields to change, e.g. "
                    + "\"changes\": {\"email\": \"billing@contoso.com\"}");
        }
        if (changes.isEmpty()) {
            return problem("changes is empty: name at least one field to change");
        }
        String fieldProblem = checkFields((ObjectNode) changes, ProfileSchema.BILLING_PROFILE, "changes");
        if (fieldProblem != null) {
            return problem(fieldProblem);
        }
        String reference = changeId == null || changeId.isNull() ? null : changeId.asText();
        return new Result(new ChangeRequest(customerId.asText(), reference, (ObjectNode) changes, when,
                sequence == null || sequence.isNull() ? null : sequence.asLong(), force != null && force.booleanValue()), null,
                customerId.asText(), reference);
    }

    private static String checkFields(ObjectNode object, ProfileSchema schema, String where) {
        Map<String, String> seen = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String name = entry.getKey();
            JsonNode value = entry.getValue();
            ProfileSchema.Field field = schema.field(name);
            if (field == null) {
                return "unknown field \"" + printable(name) + "\" in " + where + "; known fields: "
                        + String.join(", ", schema.names().stream().filter(n -> !ProfileSchema.READ_ONLY.contains(n)).toList());
            }
            String earlier = seen.put(name.toLowerCase(Locale.ROOT), name);
            if (earlier != null) {
                return "field \"" + field.name() + "\" is given twice in " + where + " (\"" + earlier + "\" and \""
                        + name + "\"): give it once";
            }
            if (field.readOnly()) {
                return "field \"" + name + "\" in " + where + " is read-only, set by Partner Center: remove it";
            }
            String path = where + "." + field.name();
            if (field.isObject()) {
                if (value.isObject() && value.isEmpty()) {
                    return path + " is empty: name at least one of its fields, or set it to null to clear it";
                }
                if (value.isObject()) {
                    String nested = checkFields((ObjectNode) value, field.nested(), path);
                    if (nested != null) {
                        return nested;
                    }
                } else if (!value.isNull()) {
                    return path + " must be an object (or null to clear it), not " + kind(value);
                }
            } else if (!value.isNull()) {
                if (!value.isTextual()) {
                    return path + " must be a string (or null to clear it), not " + kind(value);
                }
                int length = value.asText().length();
                if (length < field.minLength() || length > field.maxLength()) {
                    return path + " must be " + lengthRule(field) + ", got " + length;
                }
                if (field.name().equals("country") && !value.asText().matches("[A-Za-z]{2}")) {
                    return path + " must be an ISO 3166 two-letter country code such as US, got \""
                            + printable(value.asText()) + "\"";
                }
            }
        }
        return null;
    }

    private static String lengthRule(ProfileSchema.Field field) {
        if (field.minLength() == field.maxLength()) {
            return "exactly " + field.maxLength() + " characters";
        }
        if (field.minLength() == 0) {
            return "at most " + field.maxLength() + " characters";
        }
        return field.minLength() + " to " + field.maxLength() + " characters";
    }

    private static Result problem(String message) {
        return new Result(null, message, null, null);
    }

    static String kind(JsonNode value) {
        return switch (value.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            case STRING -> "a string";
            default -> value.getNodeType().toString().toLowerCase(Locale.ROOT);
        };
    }

    /** Echoes user input in messages without control characters and at a sane length. */
    static String printable(String text) {
        String clean = text.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 80 ? clean.substring(0, 80) + "..." : clean;
    }
}
