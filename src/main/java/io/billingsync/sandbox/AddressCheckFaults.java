package io.billingsync.sandbox;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the sandbox's address checks answer, for tests, demos and benchmarks: country rules or address validation that
 * cannot be had (503), and the status address validation answers for an address, chosen by its first line (by default
 * {@value #DEFAULT_STATUS}; any text, so a status Partner Center may add later can be answered too).
 */
public final class AddressCheckFaults {
    static final String DEFAULT_STATUS = "VerifiedShippable";

    volatile boolean countryRulesUnavailable;
    volatile boolean validationUnavailable;
    private final Map<String, String> statuses = new ConcurrentHashMap<>();

    /** While on, every country rules request is answered 503. */
    public void countryRulesUnavailable(boolean on) {
        countryRulesUnavailable = on;
    }

    /** While on, every address validation request is answered 503. */
    public void validationUnavailable(boolean on) {
        validationUnavailable = on;
    }

    /** Address validation answers {@code status} for addresses whose first line is {@code addressLine1}. */
    public void validationStatus(String addressLine1, String status) {
        statuses.put(key(addressLine1), status);
    }

    String statusFor(String addressLine1) {
        return addressLine1 == null ? DEFAULT_STATUS : statuses.getOrDefault(key(addressLine1), DEFAULT_STATUS);
    }

    void reset() {
        countryRulesUnavailable = false;
        validationUnavailable = false;
        statuses.clear();
    }

    private static String key(String addressLine1) {
        return addressLine1.strip().toLowerCase(Locale.ROOT);
    }
}
