package io.billingsync.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One record of an ERP's JSON: JSONata reads it as plain Java values (maps, lists, text, numbers), a key whose value
 * is null left out, so that a null and a missing value are the same to an expression: empty.
 */
final class JsonRecord implements SourceRecord {
    private final JsonNode record;

    JsonRecord(JsonNode record) {
        this.record = record;
    }

    @Override
    public String cell(int column) {
        throw new IllegalStateException("a JSON record has no columns");
    }

    @Override
    public Object forExpressions() {
        return plain(record);
    }

    @Override
    public JsonNode source() {
        return record;
    }

    private static Object plain(JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                node.fields().forEachRemaining(field -> {
                    if (!field.getValue().isNull()) { // a null reads as absent: an empty value, as a missing one
                        object.put(field.getKey(), plain(field.getValue()));
                    }
                });
                return object;
            }
            case ARRAY -> {
                List<Object> array = new ArrayList<>();
                node.forEach(element -> array.add(plain(element)));
                return array;
            }
            case STRING -> {
                return node.textValue();
            }
            case NUMBER -> {
                BigDecimal number = node.decimalValue();
                try {
                    return number.longValueExact();
                } catch (ArithmeticException e) {
                    return number.doubleValue();
                }
            }
            case BOOLEAN -> {
                return node.booleanValue();
            }
            default -> {
                return null;
            }
        }
    }
}
