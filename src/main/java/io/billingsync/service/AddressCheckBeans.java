package io.billingsync.service;

import io.billingsync.cluster.Leadership;
import io.billingsync.config.SyncSettings;
import io.billingsync.route.AddressValidations;
import io.billingsync.route.CountryRuleChecks;
import io.billingsync.route.CountryRulesCache;

/**
 * The address-checks route's beans: the check against a country's rules (kept in the work folder), and Partner
 * Center's address validation.
 */
final class AddressCheckBeans {
    private final Wiring wiring;
    private final Leadership leadership;

    AddressCheckBeans(Wiring wiring, Leadership leadership) {
        this.wiring = wiring;
        this.leadership = leadership;
    }

    void bind() {
        SyncSettings settings = wiring.settings();
        CountryRulesCache rules = new CountryRulesCache(settings.work(), settings.countryRulesMaxAge(), wiring.clock(),
                leadership::isLeading, settings.requestTimeout().plusSeconds(5));
        wiring.bind("countryRuleChecks", new CountryRuleChecks(settings.countryRules(), rules, wiring.metrics()));
        wiring.bind("addressValidations", new AddressValidations(settings.addressValidation(),
                settings.addressValidationDeadLetters(), wiring.metrics()));
    }
}
