package io.billingsync.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/** The mistakes found in one mapping file, each with its line, reported all at once; and the YAML nodes' lines. */
final class MappingProblems {
    private final String file;
    private final List<String> problems = new ArrayList<>();

    MappingProblems(String file) {
        this.file = file;
    }

    void add(int line, String problem) {
        problems.add(file + (line > 0 ? ", line " + line : "") + ": " + problem);
    }

    void add(Node node, String problem) {
        add(line(node), problem);
    }

    boolean any() {
        return !problems.isEmpty();
    }

    void failIfAny() {
        if (any()) {
            throw new InvalidMappingException(problems);
        }
    }

    /** The 1-based line a node starts on (0: unknown). */
    static int line(Node node) {
        return line(node.getStartMark());
    }

    static int line(Optional<Mark> mark) {
        return mark.map(m -> m.getLine() + 1).orElse(0);
    }

    /** The text of a scalar node; null for a list or a mapping. */
    static String text(Node node) {
        return node instanceof ScalarNode scalar ? scalar.getValue() : null;
    }

    /**
     * The entries of a YAML mapping; a key given twice, or one that is not text, is a problem (and left out). Null,
     * with a problem, when the node is not a mapping.
     */
    List<NodeTuple> entries(Node node, String what) {
        if (!(node instanceof MappingNode mapping)) {
            add(node, what + " must be a set of \"key: value\" lines");
            return null;
        }
        List<NodeTuple> entries = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (NodeTuple entry : mapping.getValue()) {
            String key = text(entry.getKeyNode());
            if (key == null) {
                add(entry.getKeyNode(), "a key of " + what + " must be a name");
            } else if (keys.contains(key)) {
                add(entry.getKeyNode(), "\"" + key + "\" is given twice in " + what + ": give it once");
            } else {
                keys.add(key);
                entries.add(entry);
            }
        }
        return entries;
    }
}
