package io.billingsync.route;

import io.billingsync.change.ChangeWrite;
import io.billingsync.failure.FailureCategory;
import io.billingsync.records.SettledChange;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

/**
 * A write of several changes that Partner Center rejects (400 other than 2055, or a failure nobody expected), or
 * whose address a check before the PUT refuses, is not the fault of every change in it: the failure rules then send
 * each change through the apply-change route on its own, so the record blames exactly the change that is refused. This bean answers whether that applies, gives
 * the writes of one change, and gathers their outcomes, in input order, into the write's outcome.
 */
public final class WriteFallback implements AggregationStrategy {

    /** Whether the failure caught is a rejection (or an invalid address) of a write of more than one change. */
    public boolean applies(Exchange exchange) {
        FailureCategory category = FailureDescriptions.categoryOf(RetryDecisions.caught(exchange));
        return ChangeAttempt.of(exchange).write().size() > 1
                && (category == FailureCategory.REJECTED || category == FailureCategory.INVALID);
    }

    /** The write's changes, each as a write of its own. */
    public List<ChangeWrite> singles(Exchange exchange) {
        return ChangeAttempt.of(exchange).write().singles();
    }

    @Override
    @SuppressWarnings("unchecked")
    public Exchange aggregate(Exchange gathered, Exchange single) {
        List<SettledChange> outcomes = gathered == null ? new ArrayList<>() : gathered.getMessage().getBody(List.class);
        Exchange into = gathered == null ? single : gathered;
        if (single.getException() != null) {
            into.setException(single.getException()); // a failure that halts processing leaves the route as it is
        } else {
            outcomes.addAll(single.getMessage().getBody(List.class));
        }
        into.getMessage().setBody(outcomes);
        return into;
    }
}
