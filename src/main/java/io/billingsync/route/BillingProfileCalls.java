package io.billingsync.route;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billingsync.partnercenter.CurrentProfile;
import io.billingsync.partnercenter.IfMatch;
import io.billingsync.partnercenter.PartnerCenterCalls;
import io.billingsync.partnercenter.PartnerCenterHeaders;
import io.billingsync.partnercenter.PartnerCenterRequest;
import java.util.Arrays;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Exchange;

/**
 * The sync round's two calls ({@link PartnerCenterCalls#READ_BILLING_PROFILE},
 * {@link PartnerCenterCalls#UPDATE_BILLING_PROFILE}): the request each sends, and what the round keeps of its answer.
 */
public final class BillingProfileCalls {
    /** The variable the PUT route keeps the merge result in while the message carries the request. */
    static final String UPDATE = "update";

    private final ObjectMapper json;

    public BillingProfileCalls(ObjectMapper json) {
        this.json = json;
    }

    /** Before the GET: a new round; the body (the write) becomes the request for its customer's profile. */
    public PartnerCenterRequest read(Exchange exchange) {
        ChangeAttempt attempt = ChangeAttempt.of(exchange);
        attempt.startRound();
        return PartnerCenterRequest.of(PartnerCenterCalls.READ_BILLING_PROFILE, attempt.write().customerId());
    }

    /** The GET's answer, the current profile: the round keeps its ETag. */
    public CurrentProfile current(@Body CurrentProfile current, Exchange exchange) {
        ChangeAttempt.of(exchange).read(current.etag());
        return current;
    }

    /**
     * Before the PUT: the merge result becomes the merged profile, sent with If-Match; sent again unchanged after it
     * got no answer, it keeps its MS-RequestId.
     */
    public PartnerCenterRequest update(@Body MergedChange update, Exchange exchange) throws JsonProcessingException {
        byte[] body = json.writeValueAsBytes(update.merged());
        String etag = update.current().etag();
        return PartnerCenterRequest.of(PartnerCenterCalls.UPDATE_BILLING_PROFILE, ChangeAttempt.of(exchange).write().customerId())
                .sending(body, Map.of(PartnerCenterHeaders.IF_MATCH, IfMatch.header(etag)), etag + "/" + Arrays.hashCode(body));
    }

    /** The PUT's answer (any 2xx: stored): the merge result, with the ETag the update was given (null when none). */
    public MergedChange stored(@Body String etagAfter, Exchange exchange) {
        return exchange.getVariable(UPDATE, MergedChange.class).stored(etagAfter);
    }
}
