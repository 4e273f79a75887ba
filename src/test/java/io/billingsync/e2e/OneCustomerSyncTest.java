package io.billingsync.e2e;

import io.billingsync.testkit.SandboxExtension.Customer;
import io.billingsync.testkit.SandboxExtension.Root;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtendWith;

/** A test of the real service ({@link SyncHarness}) with its folders in a fresh temporary directory and one customer in its sandbox. */
@ExtendWith(SyncServiceExtension.class)
abstract class OneCustomerSyncTest {
    /** Partner Center's answer for a customer it does not know. */
    static final String CUSTOMER_NOT_FOUND = "{\"code\":1000,\"description\":\"Customer not found\"}";

    @Root
    Path root;
    SyncHarness harness;
    @Customer
    String customer;
}
