package io.billingsync.cli;

import io.billingsync.records.DeadLetterFolder;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** {@code replay [NAME...]}: moves dead-lettered changes back into the inbox, where they run again. */
final class ReplayCommand {
    private final DeadLetterFolder deadLetters;
    private final Path inbox;
    private final PrintStream out;

    ReplayCommand(DeadLetterFolder deadLetters, Path inbox, PrintStream out) {
        this.deadLetters = deadLetters;
        this.inbox = inbox;
        this.out = out;
    }

    int run(List<String> names) {
        List<Path> moved = deadLetters.replay(inbox, names);
        moved.forEach(path -> out.println("replayed " + path));
        out.println(moved.size() + " change file(s) moved back into " + inbox);
        return 0;
    }
}
