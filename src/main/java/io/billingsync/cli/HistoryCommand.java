package io.billingsync.cli;

import io.billingsync.history.ChangeHistory;
import io.billingsync.history.FieldWriter;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * {@code history CUSTOMER-ID}: per field path, the change that last set it (what an older change can no longer
 * overwrite); {@code history reset}: moves the store aside and starts an empty one.
 */
final class HistoryCommand {
    static final String RESET = "reset";

    private final Path workDir;
    private final Path doneDir;
    private final PrintStream out;
    private final Clock clock;

    HistoryCommand(Path workDir, Path doneDir, PrintStream out, Clock clock) {
        this.workDir = workDir;
        this.doneDir = doneDir;
        this.out = out;
        this.clock = clock;
    }

    int run(String argument) {
        if (argument.equals(RESET)) {
            Path aside = ChangeHistory.reset(workDir, clock.instant());
            out.println("started an empty history in " + workDir.resolve(ChangeHistory.FILE_NAME)
                    + (aside == null ? "" : "; the previous one is kept as " + aside));
            out.println("changes processed from now on are checked only against changes processed after this reset");
            return 0;
        }
        try (ChangeHistory history = ChangeHistory.open(workDir, doneDir)) {
            Map<String, FieldWriter> fields = history.fieldsOf(argument);
            if (fields.isEmpty()) {
                out.println("nothing remembered for customer " + argument);
                return 0;
            }
            out.println("customer " + argument + ": field <- sequence, changedAt, changeId, source");
            fields.forEach((path, w) -> out.println("  " + path + " <- " + w.sequence() + ", "
                    + (w.changedAt() == null ? "-" : w.changedAt()) + ", " + (w.changeId() == null ? "-" : w.changeId())
                    + ", " + w.source()));
            return 0;
        }
    }
}
