package io.billingsync.cli;

import io.billingsync.change.ChangeTimes;
import io.billingsync.history.ChangeHistory;
import io.billingsync.history.FieldWriter;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code history CUSTOMER-ID}: per field path, the change that last set it (what an older change can no longer
 * overwrite), an entry from the future (a {@code changedAt} remembered before such were refused) said to be one;
 * {@code history forget CUSTOMER-ID [FIELD]}: forgets the customer's entry, or one field of it;
 * {@code history reset}: moves the store aside and starts an empty one. The store is opened only while no instance
 * leads the folders (the leader keeps it open).
 */
final class HistoryCommand {
    static final String RESET = "reset";
    static final String FORGET = "forget";

    private final Path workDir;
    private final Path doneDir;
    private final PrintStream out;
    private final Clock clock;
    /** How far a {@code changedAt} may be ahead of the clock (sync.changed-at.clock-skew). */
    private final Duration clockSkew;

    HistoryCommand(Path workDir, Path doneDir, PrintStream out, Clock clock, Duration clockSkew) {
        this.workDir = workDir;
        this.doneDir = doneDir;
        this.out = out;
        this.clock = clock;
        this.clockSkew = clockSkew;
    }

    int run(List<String> arguments) {
        String argument = arguments.get(0);
        if (argument.equals(RESET)) {
            Path aside = ChangeHistory.reset(workDir, clock.instant());
            out.println("started an empty history in " + workDir.resolve(ChangeHistory.FILE_NAME)
                    + (aside == null ? "" : "; the previous one is kept as " + aside));
            out.println("changes processed from now on are checked only against changes processed after this reset");
            return 0;
        }
        try (ChangeHistory history = ChangeHistory.open(workDir, doneDir)) {
            if (argument.equals(FORGET)) {
                return forget(history, arguments.get(1), arguments.size() > 2 ? arguments.get(2).toLowerCase(Locale.ROOT) : null);
            }
            Map<String, FieldWriter> fields = history.fieldsOf(argument);
            if (fields.isEmpty()) {
                out.println("nothing remembered for customer " + argument);
                return 0;
            }
            out.println("customer " + argument + ": field <- sequence, changedAt, changeId, source");
            fields.forEach((path, w) -> out.println("  " + describe(path, w) + fromTheFuture(argument, path, w)));
            return 0;
        }
    }

    private int forget(ChangeHistory history, String customerId, String path) {
        Map<String, FieldWriter> forgotten = history.forget(customerId, path);
        if (forgotten.isEmpty()) {
            out.println("nothing remembered for customer " + customerId + (path == null ? "" : " under field " + path)
                    + ": nothing forgotten (`history " + customerId + "` shows what is remembered)");
            return 1;
        }
        out.println("forgot for customer " + customerId + ": field <- sequence, changedAt, changeId, source");
        forgotten.forEach((p, w) -> out.println("  " + describe(p, w)));
        out.println("the next change of " + (path == null ? "its fields" : "these fields") + " is not held against them");
        return 0;
    }

    private static String describe(String path, FieldWriter w) {
        return path + " <- " + w.sequence() + ", " + (w.changedAt() == null ? "-" : w.changedAt()) + ", "
                + (w.changeId() == null ? "-" : w.changeId()) + ", " + w.source();
    }

    /** A writer whose changedAt is later than now plus the skew allowed keeps older-dated changes out until then. */
    private String fromTheFuture(String customerId, String path, FieldWriter w) {
        if (w.changedAt() == null) {
            return "";
        }
        Duration ahead = Duration.between(clock.instant(), Instant.parse(w.changedAt()));
        return ahead.compareTo(clockSkew) <= 0 ? "" : "   FROM THE FUTURE (" + ChangeTimes.roughly(ahead) + " ahead):"
                + " every change of this field dated earlier is superseded until then; `history forget " + customerId
                + " " + path + "` forgets it";
    }
}
