package io.billingsync.route;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billingsync.change.ChangeEntry;
import io.billingsync.change.ChangeRequest;
import io.billingsync.change.ChangeToApply;
import io.billingsync.change.ChangeWrite;
import io.billingsync.profile.SimulatedProfiles;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;

/** Plain exchanges as the apply-change route hands them to its beans: a change attempt, and a failure when one is given. */
final class ChangeExchanges {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String CUSTOMER = "7a2f4c2e-1d7b-4c3e-9a55-0f1c2d3e4f50";

    private ChangeExchanges() {
    }

    static ChangeToApply change(SimulatedProfiles simulation) {
        ObjectNode changes = JSON.createObjectNode().put("email", "new@contoso.com");
        String raw = "{\"customerId\":\"" + CUSTOMER + "\",\"changeId\":\"C-1\",\"changes\":" + changes + "}";
        return new ChangeToApply("in.json", new ChangeEntry(3, "element 4", raw.getBytes(StandardCharsets.UTF_8),
                new ChangeRequest(CUSTOMER, "C-1", changes), null, CUSTOMER, "C-1"), simulation);
    }

    /** An exchange after {@code rounds} rounds, the last of which read ETag "e1" and sent request "req-1". */
    static Exchange exchange(ChangeToApply change, int rounds) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setBody(ChangeWrite.of(change));
        ChangeAttempt attempt = ChangeAttempt.begin(ChangeWrite.of(change));
        for (int i = 0; i < rounds; i++) {
            attempt.startRound();
        }
        attempt.read("e1");
        attempt.sent("req-1");
        exchange.setProperty(ChangeAttempt.PROPERTY, attempt);
        return exchange;
    }

    static Exchange failed(Throwable failure, int rounds) {
        Exchange exchange = exchange(change(null), rounds);
        exchange.setException(failure);
        return exchange;
    }
}
