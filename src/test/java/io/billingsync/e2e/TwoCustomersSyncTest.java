package io.billingsync.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.billingsync.testkit.SandboxExtension.Customer;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test of the real service ({@link SyncHarness}) with two customers in its sandbox, whose files are NDJSON lines
 * ({@link #line}) and whose result records are read change by change ({@link #change}).
 */
@ExtendWith(SyncServiceExtension.class)
abstract class TwoCustomersSyncTest {
    SyncHarness harness;
    @Customer
    String customer;
    @Customer
    String other;

    /** One NDJSON line: a change of customer {@code who} under {@code changeId}, {@code changes} as JSON. */
    static String line(String changeId, String who, String changes) {
        return "{\"customerId\":\"" + who + "\",\"changeId\":\"" + changeId + "\",\"changes\":" + changes + "}\n";
    }

    /** Change {@code index} of the result record of {@code file}. */
    JsonNode change(String file, int index) {
        return SyncHarness.readJson(harness.done.resolve(file + ".result.json")).path("changes").get(index);
    }
}
