package io.billingsync.profile;

import java.util.Locale;

/**
 * A customer id names the same customer in any letter case (Partner Center's ids are GUIDs): the one key its
 * changes are grouped, simulated and remembered by.
 */
public final class CustomerKey {
    private CustomerKey() {
    }

    public static String of(String customerId) {
        return customerId.toLowerCase(Locale.ROOT);
    }
}
