package io.billingsync.change;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * Reads one JSON value into a tree, always consuming it completely, and reports (rather than throws) what makes
 * it unusable but leaves the document well-formed: a key given twice in one object, and absurd nesting. Syntax
 * errors still throw, since after one nothing further can be trusted.
 */
final class JsonValueReader {
    static final int DEFAULT_MAX_DEPTH = 32;

    record Result(JsonNode value, String problem) {
    }

    private final int maxDepth;
    private final JsonNodeFactory nodes = JsonNodeFactory.instance;

    JsonValueReader(int maxDepth) {
        this.maxDepth = maxDepth;
    }

    /** Reads the value whose first token the parser is on; leaves the parser on its last token. */
    Result read(JsonParser parser) throws IOException {
        String[] problem = new String[1];
        JsonNode value = value(parser, 1, problem);
        return new Result(value, problem[0]);
    }

    private JsonNode value(JsonParser parser, int depth, String[] problem) throws IOException {
        JsonToken token = parser.currentToken();
        if ((token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) && depth > maxDepth) {
            note(problem, "nested deeper than " + maxDepth + " levels at " + where(parser.currentTokenLocation())
                    + ": flatten the document");
            parser.skipChildren();
            return nodes.nullNode();
        }
        switch (token) {
            case START_OBJECT: {
                ObjectNode object = nodes.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    JsonLocation at = parser.currentTokenLocation();
                    parser.nextToken();
                    JsonNode child = value(parser, depth + 1, problem);
                    if (object.has(name)) {
                        note(problem, "duplicate key \"" + name + "\" at " + where(at) + ": give each key once");
                    } else {
                        object.set(name, child);
                    }
                }
                return object;
            }
            case START_ARRAY: {
                ArrayNode array = nodes.arrayNode();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(value(parser, depth + 1, problem));
                }
                return array;
            }
            case VALUE_STRING:
                return nodes.textNode(parser.getText());
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return nodes.numberNode(parser.getDecimalValue());
            case VALUE_TRUE:
                return nodes.booleanNode(true);
            case VALUE_FALSE:
                return nodes.booleanNode(false);
            case VALUE_NULL:
                return nodes.nullNode();
            default:
                throw new IllegalStateException("unexpected token " + token + " at " + where(parser.currentTokenLocation()));
        }
    }

    private static void note(String[] problem, String message) {
        if (problem[0] == null) {
            problem[0] = message;
        }
    }

    static String where(JsonLocation location) {
        return "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
