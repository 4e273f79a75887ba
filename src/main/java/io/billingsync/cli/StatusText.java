package io.billingsync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.billingsync.monitoring.ServiceStatus;
import java.net.URI;
import java.time.Instant;

/** The status for a person: one line per subject, then what needs attention. */
final class StatusText {
    private final JsonNode status;
    private final URI endpoint;
    private final String unanswered;
    private final Instant now;
    private final StringBuilder out = new StringBuilder();

    StatusText(JsonNode status, URI endpoint, String unanswered) {
        this.status = status;
        this.endpoint = endpoint;
        this.unanswered = unanswered;
        this.now = instant(status.path("checkedAt")) == null ? Instant.now() : instant(status.path("checkedAt"));
    }

    String render() {
        boolean live = ServiceStatus.FROM_SERVICE.equals(status.path("source").asText());
        out.append("billing-profile-sync: ").append(status.path("verdict").asText().toUpperCase(java.util.Locale.ROOT))
                .append(live ? " (from the running service at " + endpoint + ")"
                        : " (from the folders: " + unanswered + ")").append('\n');
        JsonNode leader = status.path("leader");
        boolean leads = "leader".equals(leader.path("role").asText());
        line("role", leader.isMissingNode() ? "unknown (no running service answered)"
                : leader.path("role").asText() + (!leads && leader.hasNonNull("leaderId") ? ", leader " + leader.path("leaderId").asText() : "")
                + " (lock " + leader.path("lock").asText() + ")");
        JsonNode inbox = status.path("inbox");
        line("inbox", inbox.path("files").asLong() == 0 ? "empty" : inbox.path("files").asLong() + " file(s) waiting, oldest "
                + inbox.path("oldest").asText() + " written " + ago(inbox.path("oldestWritten")));
        JsonNode progress = status.path("inProgress");
        line("in progress", progress.isMissingNode() ? "nothing" : progress.path("file").asText()
                + (progress.hasNonNull("settled") ? ", " + progress.path("settled").asLong() + " change(s) settled since "
                + ago(progress.path("since")) : ", left unfinished " + ago(progress.path("since")) + "; resumed on the next start"));
        JsonNode halted = status.path("halted");
        line("halted", halted.isMissingNode() ? "no" : halted.path("file").asText() + " (" + halted.path("cause").asText()
                + ", " + halted.path("attempts").asInt() + " attempt(s) since " + ago(halted.path("since")) + "): "
                + halted.path("reason").asText());
        JsonNode dead = status.path("deadLetters");
        StringBuilder categories = new StringBuilder();
        dead.path("byCategory").fields().forEachRemaining(e -> categories.append(categories.isEmpty() ? "" : ", ")
                .append(e.getKey()).append(' ').append(e.getValue().asLong()));
        line("dead letters", dead.path("total").asLong() == 0 ? "none" : dead.path("total").asLong() + " (" + categories
                + "), oldest " + ago(dead.path("oldest")));
        if (live) {
            line("throttling", status.hasNonNull("throttledUntil") ? "paused until " + status.path("throttledUntil").asText() : "no pause");
            line("Partner Center", status.hasNonNull("partnerCenterProblem") ? status.path("partnerCenterProblem").asText() : "answering");
            line("last applied", ago(status.path("lastAppliedChange")));
        }
        line("last file done", ago(status.path("lastCompletedFile")));
        if (status.hasNonNull("refreshTokenRotated")) {
            line("refresh token", "rotated " + ago(status.path("refreshTokenRotated")));
        }
        JsonNode problems = status.path("problems");
        if (problems.size() > 0) {
            out.append("needs attention:\n");
            problems.forEach(p -> out.append("  - ").append(p.asText()).append('\n'));
        }
        return out.toString();
    }

    private void line(String subject, String value) {
        out.append(String.format("  %-16s %s%n", subject + ":", value));
    }

    private String ago(JsonNode time) {
        Instant at = instant(time);
        if (at == null) {
            return "never (since start)";
        }
        return at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + " (" + Ages.between(at, now) + " ago)";
    }

    private static Instant instant(JsonNode time) {
        return time == null || !time.isTextual() ? null : Instant.parse(time.asText());
    }
}
