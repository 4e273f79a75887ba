package io.billingsync.service;

import io.billingsync.batch.RunMode;
import io.billingsync.batch.RunSummary;
import io.billingsync.cluster.Leadership;
import io.billingsync.sftp.SftpSource;

/**
 * The wiring of the SFTP source in front of the inbox ({@link SftpSource}): off unless {@code sync.sftp.host} is
 * set, and in a dry run (nor is its route built then: its precondition).
 */
final class SftpBeans {
    private final Wiring wiring;
    private final RunSummary summary;
    private final RunMode runMode;
    private final Leadership leadership;

    SftpBeans(Wiring wiring, RunSummary summary, RunMode runMode, Leadership leadership) {
        this.wiring = wiring;
        this.summary = summary;
        this.runMode = runMode;
        this.leadership = leadership;
    }

    void bind() {
        if (!wiring.settings().sftpEnabled()) {
            return;
        }
        SftpSource source = new SftpSource(wiring.settings(), summary, runMode, leadership::isLeading, wiring.clock());
        wiring.camel().getPropertiesComponent().addOverrideProperty("sync.sftp.retry-polls",
                String.valueOf(source.retryPolls()));
        source.beans().forEach(wiring::bind);
        wiring.camel().addLifecycleStrategy(source.endpointSetup());
        wiring.healthCheck(source.health());
    }
}
