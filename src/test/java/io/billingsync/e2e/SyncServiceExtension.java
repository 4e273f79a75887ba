package io.billingsync.e2e;

import io.billingsync.sandbox.PartnerCenterSandbox;
import io.billingsync.sandbox.SandboxSettings;
import io.billingsync.testkit.SandboxExtension;
import io.billingsync.testkit.TestResources;

/**
 * The end-to-end set-up: {@link SandboxExtension}'s folder, sandbox and customers, and a {@link SyncHarness} on them
 * in every {@code SyncHarness} field; the service it started and the sandbox are closed after each test.
 */
final class SyncServiceExtension extends SandboxExtension {
    SyncServiceExtension() {
    }

    SyncServiceExtension(SandboxSettings settings) {
        super(settings);
    }

    @Override
    protected Object provide(Class<?> type, TestResources resources, PartnerCenterSandbox sandbox) {
        return type == SyncHarness.class ? resources.closeAfter(new SyncHarness(resources.root(), sandbox)) : null;
    }
}
