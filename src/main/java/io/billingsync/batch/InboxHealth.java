package io.billingsync.batch;

import java.util.List;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/** DOWN while an inbox file cannot be completed (and holds back the files after it), naming it and why. */
public final class InboxHealth extends AbstractHealthCheck {
    private final FileRetries retries;

    public InboxHealth(FileRetries retries) {
        super("billing-profile-sync", "inbox");
        this.retries = retries;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        List<FileRetries.Unsettled> failing = retries.failing();
        if (failing.isEmpty()) {
            builder.up();
            return;
        }
        FileRetries.Unsettled first = failing.get(0);
        String message = first.file() + " cannot be completed (" + first.attempts() + " attempt(s) since " + first.since()
                + ", next at " + first.nextAttempt() + "): " + first.reason();
        builder.detail("file", first.file());
        builder.detail("since", String.valueOf(first.since()));
        builder.detail("reason", message);
        builder.message(message);
        builder.down();
    }
}
