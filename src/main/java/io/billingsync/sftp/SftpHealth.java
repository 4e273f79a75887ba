package io.billingsync.sftp;

import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/** Readiness: DOWN while files cannot be fetched from the SFTP server, with the reason (host key, credentials, ...). */
final class SftpHealth extends AbstractHealthCheck {
    private final SftpProblems problems;
    private final String server;

    SftpHealth(SftpProblems problems, String server) {
        super("billing-profile-sync", "sftp");
        this.problems = problems;
        this.server = server;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("server", server);
        SftpProblems.Problem problem = problems.current();
        if (problem == null) {
            builder.up();
            return;
        }
        builder.detail("since", String.valueOf(problem.since()));
        builder.detail("reason", problem.reason());
        builder.message("cannot fetch from " + server + ": " + problem.reason());
        builder.down();
    }
}
