package io.billingsync.mapping;

import io.billingsync.profile.ProfileSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a mapping may fill: the change request's {@code customerId}, {@code changeId} and {@code changedAt}, and each
 * writable text field of the billing profile, those of {@code defaultAddress} as {@code defaultAddress.city}.
 */
final class Targets {
    static final List<String> REQUEST = List.of("customerId", "changeId", "changedAt");
    static final List<String> ALL = all();

    private Targets() {
    }

    /** The target a name written in a mapping denotes, in its canonical casing; null when there is none. */
    static String canonical(String written) {
        return ALL.stream().filter(t -> t.toLowerCase(Locale.ROOT).equals(written.toLowerCase(Locale.ROOT)))
                .findFirst().orElse(null);
    }

    static boolean inRequest(String target) {
        return REQUEST.contains(target);
    }

    private static List<String> all() {
        List<String> targets = new ArrayList<>(REQUEST);
        for (String name : ProfileSchema.BILLING_PROFILE.names()) {
            ProfileSchema.Field field = ProfileSchema.BILLING_PROFILE.field(name);
            if (field.readOnly()) {
                continue;
            }
            if (field.isObject()) {
                field.nested().names().forEach(nested -> targets.add(field.nested().pathOf(nested)));
            } else {
                targets.add(name);
            }
        }
        return List.copyOf(targets);
    }
}
