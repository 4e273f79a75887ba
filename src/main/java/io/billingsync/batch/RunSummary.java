package io.billingsync.batch;

import io.billingsync.records.ResultSummary;
import java.util.ArrayList;
import java.util.List;

/** What this run did, file by file: printed by --once, and its exit code. */
public final class RunSummary {

    /** @param requests the Partner Center requests sent for the file in this run; -1 when not counted */
    public record FileResult(String file, ResultSummary summary, String note, long requests) {
        /** "12 requests, 2.00 per change"; empty when not counted or nothing was settled. */
        public String requestsPerChange() {
            return requests < 0 || summary.total() == 0 ? ""
                    : String.format(java.util.Locale.ROOT, "%d requests, %.2f per change", requests, (double) requests / summary.total());
        }
    }

    private final List<FileResult> files = new ArrayList<>();
    private final List<String> halts = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();

    public synchronized void file(String file, ResultSummary summary, String note) {
        file(file, summary, note, -1);
    }

    public synchronized void file(String file, ResultSummary summary, String note, long requests) {
        files.add(new FileResult(file, summary, note, requests));
    }

    public synchronized void halted(String reason) {
        halts.add(reason);
    }

    /** A file could not be completed for a reason outside it (e.g. a folder that cannot be written). */
    public synchronized void failed(String reason) {
        failures.add(reason);
    }

    public synchronized List<FileResult> files() {
        return List.copyOf(files);
    }

    public synchronized List<String> halts() {
        return List.copyOf(halts);
    }

    public synchronized List<String> failures() {
        return List.copyOf(failures);
    }

    public synchronized long deadLettered() {
        return files.stream().mapToLong(f -> f.summary().deadLettered()).sum();
    }

    /**
     * 0: everything applied or unchanged; 1: something was dead-lettered; 3: processing was halted (credentials);
     * 4: a file could not be completed for another reason and stays in the inbox.
     */
    public synchronized int exitCode() {
        if (!halts.isEmpty()) {
            return 3;
        }
        if (!failures.isEmpty()) {
            return 4;
        }
        return deadLettered() > 0 ? 1 : 0;
    }

    /** Changes the history kept from being sent, when there are any. */
    private static String notSent(ResultSummary s) {
        return (s.superseded() > 0 ? ", " + s.superseded() + " superseded" : "")
                + (s.duplicate() > 0 ? ", " + s.duplicate() + " duplicate" : "");
    }

    /** The dead-lettered changes by category ("(1 invalid, 2 reused-id)"), when there are any. */
    private static String byCategory(ResultSummary s) {
        if (s.deadLettered() == 0 || s.byCategory().isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder(" (");
        s.byCategory().forEach((category, count) -> out.append(out.length() > 2 ? ", " : "").append(count).append(' ').append(category));
        return out.append(')').toString();
    }

    public synchronized String render() {
        StringBuilder out = new StringBuilder();
        long total = 0, applied = 0, unchanged = 0, dead = 0, would = 0;
        for (FileResult f : files) {
            ResultSummary s = f.summary();
            String requests = f.requestsPerChange();
            out.append(String.format("%-40s %6d changes: %d applied, %d unchanged, %d dead-lettered%s%s%s%s%s%n", f.file(),
                    s.total(), s.applied(), s.unchanged(), s.deadLettered(), byCategory(s), notSent(s),
                    s.wouldApply() > 0 ? ", " + s.wouldApply() + " would be applied" : "",
                    requests.isEmpty() ? "" : "; " + requests,
                    f.note() == null ? "" : " (" + f.note() + ")"));
            total += s.total();
            applied += s.applied();
            unchanged += s.unchanged();
            dead += s.deadLettered();
            would += s.wouldApply();
        }
        out.append(String.format("%d file(s), %d change(s): %d applied, %d unchanged, %d dead-lettered%s%n",
                files.size(), total, applied, unchanged, dead, would > 0 ? ", " + would + " would be applied (dry run)" : ""));
        for (String halt : halts) {
            out.append("HALTED: ").append(halt).append(System.lineSeparator());
        }
        for (String failure : failures) {
            out.append("NOT COMPLETED: ").append(failure).append(System.lineSeparator());
        }
        return out.toString();
    }
}
