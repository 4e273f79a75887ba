package io.billingsync.mapping;

import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billingsync.change.ChangeEntry;
import io.billingsync.change.ChangeValidator;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Makes the change request of one row or record by a mapping's rules, then checks it as any change request is
 * checked ({@link ChangeValidator}). The entry keeps the request as JSON (what its dead letter holds, so it can be
 * replayed) and the row or record it came from; a problem names the column or expression it came from.
 */
final class MappedChanges {
    /** Longer than any billing-profile field takes: such a value is refused before it is copied into a change. */
    static final int MAX_VALUE_CHARS = 4096;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Mapping mapping;
    /** Per rule, its column's index in the file's header (CSV), else -1. */
    private final int[] columns;
    private final ChangeValidator validator;

    MappedChanges(Mapping mapping, int[] columns, ChangeValidator validator) {
        this.mapping = mapping;
        this.columns = columns;
        this.validator = validator;
    }

    ChangeEntry entry(int index, String position, SourceRecord record) {
        ObjectNode request = JSON.createObjectNode();
        Targets.REQUEST.forEach(target -> request.putNull(target));
        ObjectNode changes = request.putObject("changes");
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < mapping.fields().size(); i++) {
            FieldRule rule = mapping.fields().get(i);
            Object value = read(rule, columns[i], record, problems);
            String text = text(rule, value, problems);
            if (text != null || (value == null || "".equals(value) || value == Jsonata.NULL_VALUE) && rule.clearWhenEmpty()) {
                put(request, changes, rule.target(), text);
            }
        }
        Targets.REQUEST.stream().filter(t -> request.get(t).isNull()).toList().forEach(request::remove);
        byte[] raw = bytes(request);
        ChangeValidator.Result result = validator.validate(request);
        String problem = !problems.isEmpty() ? String.join("; ", problems)
                : result.problem() == null ? null : result.problem() + fromWhere(result.problem());
        return new ChangeEntry(index, position, raw, problem == null ? result.change() : null, problem,
                textOf(request, "customerId"), textOf(request, "changeId"), record.source());
    }

    /** A row or record that cannot be mapped at all: its dead letter is an empty change request to fill in. */
    static ChangeEntry unmappable(int index, String position, String problem, JsonNode source) {
        return new ChangeEntry(index, position, "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8), null, problem,
                null, null, source);
    }

    private Object read(FieldRule rule, int column, SourceRecord record, List<String> problems) {
        if (rule.column() != null) {
            return record.cell(column);
        }
        try {
            synchronized (rule.expression()) { // one evaluation at a time per expression: files may be read side by side
                return rule.expression().evaluate(record.forExpressions());
            }
        } catch (RuntimeException e) {
            problems.add(rule.describeSource(mapping.name()) + " failed on this " + noun() + ": " + e.getMessage());
            return null;
        }
    }

    /** The value as text; null when empty or not usable (then a problem says why). */
    private String text(FieldRule rule, Object value, List<String> problems) {
        if (value == null || value == Jsonata.NULL_VALUE || "".equals(value)) {
            return null;
        }
        String text;
        if (value instanceof String string) {
            text = string;
        } else if (value instanceof Number number && rule.target().equals("changeId")) {
            text = new BigDecimal(number.toString()).stripTrailingZeros().toPlainString();
        } else {
            problems.add(rule.describeSource(mapping.name()) + " gave " + kind(value) + " for " + rule.target()
                    + ", not text" + (rule.expression() != null ? ": make the expression give text, e.g. with $string()" : ""));
            return null;
        }
        String wrong = text.length() > MAX_VALUE_CHARS ? "is " + text.length() + " characters long: no billing-profile"
                + " field takes so much" : TextCheck.problem(text, charsetName());
        if (wrong != null) {
            problems.add(rule.describeSource(mapping.name()) + " " + wrong);
            return null;
        }
        return text;
    }

    private static void put(ObjectNode request, ObjectNode changes, String target, String text) {
        if (Targets.inRequest(target)) {
            request.put(target, text);
            return;
        }
        int dot = target.indexOf('.');
        if (dot < 0) {
            changes.put(target, text);
            return;
        }
        String object = target.substring(0, dot);
        ObjectNode nested = changes.get(object) instanceof ObjectNode existing ? existing : changes.putObject(object);
        nested.put(target.substring(dot + 1), text);
    }

    /** The rule whose target the validator's problem names (the longest such path), as where it came from. */
    private String fromWhere(String problem) {
        return mapping.fields().stream().filter(r -> problem.contains(r.requestPath()))
                .max(Comparator.comparingInt(r -> r.requestPath().length()))
                .map(r -> " (from " + r.describeSource(mapping.name()) + ")").orElse("");
    }

    private String noun() {
        return mapping.format() == Mapping.Format.CSV ? "row" : "record";
    }

    private String charsetName() {
        return mapping.csv() != null ? mapping.csv().charset().name() : "UTF-8";
    }

    private static String textOf(ObjectNode request, String field) {
        JsonNode value = request.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String kind(Object value) {
        if (value instanceof Number) {
            return "a number";
        }
        if (value instanceof Boolean) {
            return "true or false";
        }
        return value instanceof Map ? "an object" : value instanceof List ? "a list" : value.getClass().getSimpleName();
    }

    private static byte[] bytes(ObjectNode request) {
        try {
            return JSON.writeValueAsBytes(request);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
