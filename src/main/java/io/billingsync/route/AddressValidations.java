package io.billingsync.route;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billingsync.failure.FailureKind;
import io.billingsync.metrics.SyncMetrics;
import io.billingsync.partnercenter.AddressValidation;
import io.billingsync.partnercenter.PartnerCenterCalls;
import io.billingsync.partnercenter.PartnerCenterError;
import io.billingsync.partnercenter.PartnerCenterRequest;
import io.billingsync.partnercenter.PermanentFailureException;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Partner Center's address validation of the address a write sets ({@link PartnerCenterCalls#VALIDATE_ADDRESS}),
 * when {@code sync.address-validation} is on: its status and suggestions go into the result record of each change
 * that set the address, and a metric by status. It never holds a change back, unless its status is one the operator
 * lists in {@code sync.address-validation.dead-letter-statuses}: then the write fails as
 * {@link FailureKind#ADDRESS_UNVERIFIED}. An address that cannot be validated is recorded so and sent.
 */
public final class AddressValidations {
    private static final Logger LOG = LoggerFactory.getLogger(AddressValidations.class);
    /** The variable the merge result waits in while the message carries the validation's request. */
    static final String MERGED = "addressValidated";
    /** The fields of the address the validation takes, as documented. */
    private static final List<String> FIELDS = List.of("addressLine1", "addressLine2", "city", "state", "postalCode", "country");

    private final boolean enabled;
    private final Set<String> deadLettered;
    private final SyncMetrics metrics;
    private final ObjectMapper json = new ObjectMapper();
    private volatile boolean failing;

    /** @param deadLettered the statuses that dead-letter the change (any case); empty: none does */
    public AddressValidations(boolean enabled, Set<String> deadLettered, SyncMetrics metrics) {
        this.enabled = enabled;
        this.deadLettered = new HashSet<>();
        deadLettered.forEach(status -> this.deadLettered.add(status.toLowerCase(Locale.ROOT)));
        this.metrics = metrics;
    }

    /** Read by the address-checks route: the write sets an address not validated yet in an earlier round. */
    public boolean wanted(@Body MergedChange merged, Exchange exchange) {
        return enabled && merged.changesAddress() && merged.address() != null
                && !ChangeAttempt.of(exchange).addressValidated(sent(merged).toString());
    }

    /** The merge result waits; the body becomes the validation's request for the address it sets. */
    public PartnerCenterRequest request(@Body MergedChange merged, Exchange exchange) throws JsonProcessingException {
        exchange.setVariable(MERGED, merged);
        return PartnerCenterRequest.of(PartnerCenterCalls.VALIDATE_ADDRESS).sending(json.writeValueAsBytes(sent(merged)),
                Map.of(), null);
    }

    /** What the validation said is kept for the records; the body is the merge result again. */
    public MergedChange answered(@Body AddressValidation validation, Exchange exchange) {
        MergedChange merged = exchange.getVariable(MERGED, MergedChange.class);
        keep(merged, validation, exchange);
        metrics.addressValidated(validation.status() == null ? "none" : validation.status());
        if (failing) {
            failing = false;
            LOG.info("Partner Center validates addresses again");
        }
        return merged;
    }

    /** The address could not be validated: recorded so, and sent all the same; the body is the merge result again. */
    public MergedChange unavailable(Exchange exchange) {
        MergedChange merged = exchange.getVariable(MERGED, MergedChange.class);
        String why = RetryDecisions.caught(exchange).getMessage();
        keep(merged, AddressValidation.unavailable(why), exchange);
        metrics.addressValidated("unavailable");
        if (!failing) {
            failing = true;
            LOG.warn("Addresses cannot be validated now and are sent without (said once until they can again): {}", why);
        }
        return merged;
    }

    /** Fails the write when the validation answered a status the operator dead-letters. */
    public void judge(@Body MergedChange merged, Exchange exchange) {
        if (deadLettered.isEmpty() || !enabled || !merged.changesAddress()) {
            return;
        }
        AddressValidation validation = ChangeAttempt.of(exchange).addressValidation();
        if (validation == null || validation.status() == null
                || !deadLettered.contains(validation.status().toLowerCase(Locale.ROOT))) {
            return;
        }
        throw new PermanentFailureException("Partner Center's address validation answered " + validation.status()
                + " for the address this change gives customer " + merged.write().customerId()
                + (validation.validationMessage() == null ? "" : " (" + validation.validationMessage() + ")")
                + ", a status sync.address-validation.dead-letter-statuses dead-letters. Fix defaultAddress in the change"
                + " file (the result record lists the " + validation.suggestedAddresses().size()
                + " address(es) suggested) and replay it; no update was sent to Partner Center.",
                FailureKind.ADDRESS_UNVERIFIED, null, new PartnerCenterError(null, null, null, null, null, null,
                List.of(), json.valueToTree(validation)));
    }

    private void keep(MergedChange merged, AddressValidation validation, Exchange exchange) {
        Set<Integer> setBy = new HashSet<>();
        for (int i = 0; i < merged.results().size(); i++) {
            if (merged.changesAddress(i)) {
                setBy.add(merged.write().changes().get(i).entry().index());
            }
        }
        ChangeAttempt.of(exchange).addressValidated(sent(merged).toString(), validation, setBy);
    }

    /** What is sent: the documented fields of the address, as the profile to write has them. */
    private ObjectNode sent(MergedChange merged) {
        ObjectNode body = json.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = merged.address().fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            FIELDS.stream().filter(name -> name.equalsIgnoreCase(field.getKey())).findFirst()
                    .filter(name -> !field.getValue().isNull())
                    .ifPresent(name -> body.set(name, field.getValue()));
        }
        return body;
    }
}
