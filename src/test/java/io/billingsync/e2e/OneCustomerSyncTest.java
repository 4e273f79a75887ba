package io.billingsync.e2e;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A test of the real service ({@link SyncHarness}) with its folders in a fresh temporary directory and one customer in its sandbox. */
abstract class OneCustomerSyncTest {
    /** Partner Center's answer for a customer it does not know. */
    static final String CUSTOMER_NOT_FOUND = "{\"code\":1000,\"description\":\"Customer not found\"}";

    @TempDir
    Path root;
    SyncHarness harness;
    String customer;

    @BeforeEach
    void start() {
        harness = new SyncHarness(root);
        customer = harness.sandbox.addCustomers(1).get(0);
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }
}
