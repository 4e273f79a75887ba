package io.billingsync.history;

import io.billingsync.change.ChangeWrite;
import io.billingsync.records.SettledChange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What the history's screen leaves of a write: the write of the changes still to send, each without the fields a
 * newer change set (null when none is left), and the outcomes of the changes kept back with nothing left to send
 * (superseded, duplicate).
 */
public record ScreenedWrite(ChangeWrite toSend, List<SettledChange> keptBack) {

    public ScreenedWrite {
        keptBack = List.copyOf(keptBack);
    }

    /** A write the history does not screen (it is off): every change is sent as it is. */
    static ScreenedWrite unscreened(ChangeWrite write) {
        return new ScreenedWrite(write, List.of());
    }

    /** The outcomes of the changes sent together with those of the changes kept back: every change's, in input order. */
    public List<SettledChange> withKeptBack(List<SettledChange> sent) {
        if (keptBack.isEmpty()) {
            return sent;
        }
        List<SettledChange> all = new ArrayList<>(sent);
        all.addAll(keptBack);
        all.sort(Comparator.comparingInt(s -> s.outcome().index()));
        return all;
    }
}
