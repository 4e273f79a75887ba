package io.billingsync.mapping;

import static io.billingsync.mapping.MappingProblems.line;
import static io.billingsync.mapping.MappingProblems.text;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import java.util.ArrayList;
import java.util.List;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

/** Reads the {@code fields:} of a mapping file: one {@link FieldRule} per target, each checked with its line. */
final class FieldRules {
    private static final String FORMS = "write `target: <column>` (CSV) or `target: <JSONata expression>` (JSON), or"
            + " `target: {column: <name>}` / `{jsonata: <expression>}`, optionally with `empty: clear`";

    private final MappingProblems problems;
    private final Mapping.Format format;

    FieldRules(MappingProblems problems, Mapping.Format format) {
        this.problems = problems;
        this.format = format;
    }

    List<FieldRule> read(Node fields) {
        List<FieldRule> rules = new ArrayList<>();
        List<NodeTuple> entries = problems.entries(fields, "fields");
        if (entries == null) {
            return rules;
        }
        for (NodeTuple entry : entries) {
            String written = text(entry.getKeyNode());
            String target = Targets.canonical(written);
            if (target == null) {
                problems.add(entry.getKeyNode(), "\"" + written + "\" is not a field a change can set; use one of: "
                        + String.join(", ", Targets.ALL));
                continue;
            }
            if (rules.stream().anyMatch(r -> r.target().equals(target))) {
                problems.add(entry.getKeyNode(), target + " is mapped twice: map it once");
                continue;
            }
            FieldRule rule = rule(target, entry.getValueNode());
            if (rule != null) {
                rules.add(rule);
            }
        }
        if (rules.stream().noneMatch(r -> r.target().equals("customerId")) && !problems.any()) {
            problems.add(line(fields), "no customerId: every change needs the customer's tenant id; add `customerId:"
                    + " <" + (format == Mapping.Format.CSV ? "column" : "expression") + ">` under fields");
        }
        if (rules.stream().allMatch(r -> Targets.inRequest(r.target())) && !problems.any()) {
            problems.add(line(fields), "no billing-profile field is mapped: add at least one, such as `email: ...`");
        }
        return rules;
    }

    private FieldRule rule(String target, Node value) {
        String plain = text(value);
        String column = null;
        String expression = null;
        boolean clear = false;
        if (plain != null) {
            column = format == Mapping.Format.CSV ? plain : null;
            expression = format == Mapping.Format.JSON ? plain : null;
        } else {
            List<NodeTuple> entries = problems.entries(value, target);
            if (entries == null) {
                return null;
            }
            for (NodeTuple entry : entries) {
                String key = text(entry.getKeyNode());
                String text = text(entry.getValueNode());
                switch (key) {
                    case "column" -> column = text;
                    case "jsonata" -> expression = text;
                    case "empty" -> {
                        clear = "clear".equals(text);
                        if (!"clear".equals(text) && !"no-change".equals(text)) {
                            problems.add(entry.getValueNode(), "empty: " + text + " is not one of: no-change (the"
                                    + " default: an empty value changes nothing), clear (an empty value clears the field)");
                        }
                    }
                    default -> problems.add(entry.getKeyNode(), "unknown key \"" + key + "\" for " + target + ": " + FORMS);
                }
            }
        }
        return checked(target, value, column, expression, clear);
    }

    private FieldRule checked(String target, Node value, String column, String expression, boolean clear) {
        int line = line(value);
        if ((column == null) == (expression == null) || column != null && column.isBlank()
                || expression != null && expression.isBlank()) {
            problems.add(line, target + " needs one source: " + FORMS);
            return null;
        }
        if (column != null && format == Mapping.Format.JSON) {
            problems.add(line, target + ": JSON records have no columns; give a JSONata expression such as"
                    + " `address1_city` or `{jsonata: \"primarycontactid.emailaddress1\"}`");
            return null;
        }
        if (clear && Targets.inRequest(target)) {
            problems.add(line, target + " cannot be cleared: remove `empty: clear` (an empty " + target
                    + (target.equals("customerId") ? " makes the change invalid)" : " means the change has none)"));
            return null;
        }
        Jsonata compiled = null;
        if (expression != null) {
            try {
                compiled = Jsonata.jsonata(expression);
            } catch (JException e) {
                problems.add(line, "the JSONata expression for " + target + " is not valid: "
                        + String.valueOf(e.getMessage()).replaceFirst(" at \\d+$", "") + ", at character "
                        + e.getLocation() + " of `" + expression + "` (counted from 0); see docs/MAPPINGS.md");
                return null;
            } catch (RuntimeException e) {
                problems.add(line, "the JSONata expression for " + target + " is not valid: " + e.getMessage());
                return null;
            }
        }
        return new FieldRule(target, line, column == null ? null : column.strip(), expression, compiled, clear);
    }
}
