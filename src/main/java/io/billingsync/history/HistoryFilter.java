package io.billingsync.history;

import io.billingsync.change.ChangeWrite;
import java.util.List;
import org.apache.camel.Body;
import org.apache.camel.Exchange;

/**
 * The apply-change route's step before the merge ({@link HistoryScreen#screen}): each change of the write without the
 * fields a newer change set; a write with no change left to send ends the route with the outcomes of its changes as
 * the body. A write is screened once: the changes of a rejected write sent again one at a time pass as the screen
 * left them. With the history off ({@code sync.history=false}) the write passes as it is.
 */
public final class HistoryFilter {
    /** Null when the history is off. */
    private final HistoryScreen gate;

    public HistoryFilter(HistoryScreen gate) {
        this.gate = gate;
    }

    public Object screen(@Body ChangeWrite write, Exchange exchange) {
        if (gate == null || write.screened()) {
            return write;
        }
        ChangeWrite screened = gate.screen(write);
        if (screened.changes().isEmpty()) {
            exchange.setRouteStop(true);
            return screened.withNotSent(List.of());
        }
        return screened;
    }
}
