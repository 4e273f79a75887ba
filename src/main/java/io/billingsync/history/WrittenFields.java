package io.billingsync.history;

import io.billingsync.change.ChangeEntry;
import io.billingsync.change.ChangeOrder;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** The fields a change sets, each with the change as its writer: its own, but those a newer change had set. */
final class WrittenFields {

    static Map<String, FieldWriter> of(ChangeEntry entry, ChangeOrder order, String source) {
        Map<String, FieldWriter> set = new LinkedHashMap<>();
        if (entry.valid()) {
            FieldWriter writer = new FieldWriter(order.sequence(), order.changedAt(), entry.change().changeId(), source);
            Set<String> dropped = dropped(order);
            FieldPaths.of(entry.change().changes()).stream().filter(p -> !dropped.contains(p)).forEach(p -> set.put(p, writer));
        }
        return set;
    }

    /** The fields dropped from the change: a newer change had set them. */
    static Set<String> dropped(ChangeOrder order) {
        Set<String> dropped = new LinkedHashSet<>();
        order.superseded().forEach(s -> dropped.add(s.field()));
        return dropped;
    }

    /** Where a change came from, as the history names it: its file and its index in the file. */
    static String source(String sourceFile, ChangeEntry entry) {
        return sourceFile + " #" + entry.index();
    }

    private WrittenFields() {
    }
}
