package io.billingsync.cli;

import io.billingsync.history.ReplayPreparation;
import io.billingsync.records.DeadLetterFolder;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code replay [--force] [NAME...]}: moves dead-lettered changes back into the inbox, where they run again in
 * their original place; {@code --force} marks the named ones to be applied as given.
 */
final class ReplayCommand {
    static final String FORCE = "--force";

    private final DeadLetterFolder deadLetters;
    private final Path inbox;
    private final PrintStream out;

    ReplayCommand(DeadLetterFolder deadLetters, Path inbox, PrintStream out) {
        this.deadLetters = deadLetters;
        this.inbox = inbox;
        this.out = out;
    }

    int run(List<String> arguments) {
        List<String> names = arguments.stream().filter(a -> !a.equals(FORCE)).toList();
        boolean force = names.size() < arguments.size();
        if (force && names.isEmpty()) {
            throw new IllegalArgumentException("replay --force applies changes over newer ones: name them, e.g."
                    + " replay --force erp-20261124-0900.3.json");
        }
        List<Path> chosen = names.isEmpty() ? deadLetters.list()
                : names.stream().map(n -> deadLetters.dir().resolve(Path.of(n).getFileName().toString())).toList();
        chosen.forEach(deadLetter -> ReplayPreparation.prepare(deadLetter, force));
        List<Path> moved = deadLetters.replay(inbox, names);
        moved.forEach(path -> out.println("replayed " + path));
        out.println(moved.size() + " change file(s) moved back into " + inbox);
        return 0;
    }
}
