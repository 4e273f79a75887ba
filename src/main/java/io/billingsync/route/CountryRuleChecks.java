package io.billingsync.route;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billingsync.failure.FailureKind;
import io.billingsync.metrics.SyncMetrics;
import io.billingsync.partnercenter.CountryRules;
import io.billingsync.partnercenter.PartnerCenterCalls;
import io.billingsync.partnercenter.PartnerCenterRequest;
import io.billingsync.partnercenter.PermanentFailureException;
import java.util.List;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The address a write sets, checked against its country's rules before the PUT (docs/FAILURE-RULES.md): the call
 * that reads them ({@link PartnerCenterCalls#READ_COUNTRY_RULES}) when they are not at hand, and the check. A
 * violation fails the write as {@link FailureKind#ADDRESS_INVALID}, naming each rule and its fix; rules that cannot
 * be read skip the check (logged once per country, counted), never the change.
 */
public final class CountryRuleChecks {
    private static final Logger LOG = LoggerFactory.getLogger(CountryRuleChecks.class);
    /** The variable the merge result waits in while the message carries the rules' request. */
    static final String MERGED = "addressChecked";

    private final boolean enabled;
    private final CountryRulesCache cache;
    private final SyncMetrics metrics;

    public CountryRuleChecks(boolean enabled, CountryRulesCache cache, SyncMetrics metrics) {
        this.enabled = enabled;
        this.cache = cache;
        this.metrics = metrics;
    }

    /**
     * Read by the address-checks route: the write changes an address whose country's rules this change is to read
     * first (another change reading them already is waited for by the check).
     */
    public boolean rulesWanted(@Body MergedChange merged) {
        String country = checked(merged);
        return country != null && cache.claim(country);
    }

    /** The merge result waits; the body becomes the request for its country's rules. */
    public PartnerCenterRequest read(@Body MergedChange merged, Exchange exchange) {
        exchange.setVariable(MERGED, merged);
        return PartnerCenterRequest.of(PartnerCenterCalls.READ_COUNTRY_RULES, merged.country());
    }

    /** The rules read are kept; the body is the merge result again. */
    public MergedChange fetched(@Body ObjectNode answer, Exchange exchange) {
        MergedChange merged = exchange.getVariable(MERGED, MergedChange.class);
        cache.fetched(merged.country(), answer);
        return merged;
    }

    /** The rules could not be read: the check is skipped for this country a while; the body is the merge result again. */
    public MergedChange unavailable(Exchange exchange) {
        MergedChange merged = exchange.getVariable(MERGED, MergedChange.class);
        Throwable failure = RetryDecisions.caught(exchange);
        if (cache.unavailable(merged.country())) {
            LOG.warn("The address rules of {} cannot be read now, so addresses there are sent unchecked (Partner Center"
                            + " still checks them); asked again in {} min: {}", merged.country(),
                    CountryRulesCache.RETRY_AFTER.toMinutes(), failure.getMessage());
        }
        return merged;
    }

    /** Fails the write when the address it sets breaks its country's rules; nothing happens without rules at hand. */
    public void check(@Body MergedChange merged) {
        String country = checked(merged);
        if (country == null) {
            return;
        }
        CountryRules rules = cache.rules(country);
        if (rules == null) {
            metrics.countryRulesUnavailable();
            return;
        }
        List<String> broken = rules.violations(merged.address());
        if (!broken.isEmpty()) {
            throw new PermanentFailureException("The address this change gives customer " + merged.write().customerId()
                    + " breaks Partner Center's address rules for " + country + ": " + String.join("; ", broken)
                    + ". Fix defaultAddress in the change file and replay it; no update was sent to Partner Center.",
                    FailureKind.ADDRESS_INVALID, null, null);
        }
    }

    /** The country of the address the write changes, when it is to be checked; null when not. */
    private String checked(MergedChange merged) {
        return enabled && merged.changesAddress() ? merged.country() : null;
    }
}
