package io.billingsync.history;

import io.billingsync.change.ChangeToApply;
import org.apache.camel.Body;
import org.apache.camel.Exchange;

/**
 * The apply-change route's step before the merge ({@link HistoryGate#screen}): the change without the fields a
 * newer change set; a change with nothing left to send ends the route with its outcome as the body. With the
 * history off ({@code sync.history=false}) the change passes as it is.
 */
public final class HistoryFilter {
    /** Null when the history is off. */
    private final HistoryGate gate;

    public HistoryFilter(HistoryGate gate) {
        this.gate = gate;
    }

    public Object screen(@Body ChangeToApply change, Exchange exchange) {
        if (gate == null) {
            return change;
        }
        HistoryGate.Screened screened = gate.screen(change);
        if (screened.settled() != null) {
            exchange.setRouteStop(true);
            return screened.settled();
        }
        return screened.toApply();
    }
}
