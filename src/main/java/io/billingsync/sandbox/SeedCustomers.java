package io.billingsync.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.UUID;

/** Demo customers shaped like the Partner Center documentation's example billing profile. */
final class SeedCustomers {
    record Seed(String id, String first, String last, String company, String email) {
    }

    static final List<Seed> SEEDS = List.of(
            new Seed("a58ceba5-60ac-48e4-a0bc-2a855811807a", "Megan", "Bowen", "Contoso Ltd", "megan@contoso.com"),
            new Seed("0f3a1b2c-4d5e-4f60-8a7b-9c0d1e2f3a4b", "Adele", "Vance", "Fabrikam Inc", "adele@fabrikam.com"),
            new Seed("1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d", "Lee", "Gu", "Northwind Traders", "lee@northwind.com"),
            new Seed("2c3d4e5f-6071-4b8c-9d0e-1f2a3b4c5d6e", "Diego", "Siciliani", "Tailspin Toys", "diego@tailspin.com"),
            new Seed("3d4e5f60-7182-4c9d-8e1f-2a3b4c5d6e7f", "Isaiah", "Langer", "Woodgrove Bank", "isaiah@woodgrove.com"));

    static ObjectNode profile(String id, String first, String last, String company, String email) {
        ObjectNode profile = BillingProfileStore.JSON.createObjectNode();
        profile.put("id", id);
        profile.put("firstName", first);
        profile.put("lastName", last);
        profile.put("email", email);
        profile.put("culture", "en-US");
        profile.put("language", "en");
        profile.put("companyName", company);
        ObjectNode address = profile.putObject("defaultAddress");
        address.put("country", "US");
        address.putNull("region");
        address.put("city", "Redmond");
        address.put("state", "WA");
        address.put("addressLine1", "One Microsoft Way");
        address.putNull("addressLine2");
        address.put("postalCode", "98052");
        address.put("firstName", first);
        address.put("lastName", last);
        address.put("phoneNumber", "4255555555");
        return profile;
    }

    /** Deterministic extra customers for tests and benchmarks. */
    static String syntheticId(int n) {
        return UUID.nameUUIDFromBytes(("sandbox-customer-" + n).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    private SeedCustomers() {
    }
}
