package io.billingsync.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.billingsync.records.DeadLetterEntry;
import io.billingsync.records.DeadLetterFolder;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code dead-letters [--json] [--category C] [--customer ID]}: the dead letters, oldest first, with category,
 * customer, change id and age; {@code dead-letters show NAME}: one of them with its reason and what to do. Ids and
 * file names only: values of the change (names, emails, addresses) are never printed.
 */
final class DeadLettersCommand {
    static final String SHOW = "show";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DeadLetterFolder folder;
    private final PrintStream out;
    private final Clock clock;

    DeadLettersCommand(DeadLetterFolder folder, PrintStream out, Clock clock) {
        this.folder = folder;
        this.out = out;
        this.clock = clock;
    }

    int run(List<String> arguments) throws IOException {
        if (!arguments.isEmpty() && arguments.get(0).equals(SHOW)) {
            if (arguments.size() != 2) {
                throw new IllegalArgumentException("dead-letters show needs one name: dead-letters show NAME");
            }
            return show(Path.of(arguments.get(1)).getFileName().toString());
        }
        String category = null;
        String customer = null;
        boolean json = false;
        for (int i = 0; i < arguments.size(); i++) {
            switch (arguments.get(i)) {
                case StatusCommand.JSON_OPTION -> json = true;
                case "--category" -> category = value(arguments, ++i, "--category CATEGORY");
                case "--customer" -> customer = value(arguments, ++i, "--customer CUSTOMER-ID");
                default -> throw new IllegalArgumentException("dead-letters takes --json, --category CATEGORY,"
                        + " --customer CUSTOMER-ID or show NAME, not " + arguments.get(i));
            }
        }
        List<DeadLetterEntry> entries = new ArrayList<>();
        for (Path file : folder.list()) {
            DeadLetterEntry entry = DeadLetterEntry.read(folder.dir(), file.getFileName().toString());
            if ((category == null || category.equals(entry.category())) && (customer == null || customer.equals(entry.customerId()))) {
                entries.add(entry);
            }
        }
        entries.sort(Comparator.comparing(DeadLetterEntry::time, Comparator.nullsLast(Comparator.naturalOrder())));
        if (json) {
            ArrayNode list = JSON.createArrayNode();
            entries.forEach(e -> list.addObject().put("name", e.name()).put("category", e.category())
                    .put("customerId", e.customerId()).put("changeId", e.changeId())
                    .put("time", e.time() == null ? null : e.time().toString()));
            out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(list));
        } else {
            out.printf("%-9s %-12s %-36s %-20s %s%n", "age", "category", "customer", "changeId", "name");
            for (DeadLetterEntry e : entries) {
                out.printf("%-9s %-12s %-36s %-20s %s%n", age(e), e.category(), dash(e.customerId()), dash(e.changeId()), e.name());
            }
            out.println(entries.size() + " dead letter(s) in " + folder.dir() + "; details: dead-letters show NAME");
        }
        return 0;
    }

    private int show(String name) throws IOException {
        Path change = folder.dir().resolve(name);
        if (!Files.isRegularFile(change)) {
            throw new IllegalArgumentException("no dead letter " + name + " in " + folder.dir()
                    + ": list them with dead-letters");
        }
        DeadLetterEntry e = DeadLetterEntry.read(folder.dir(), name);
        String message = e.message() == null ? "(no error record beside it)" : ChangeValueMask.of(change).mask(e.message());
        out.println("dead letter   " + e.name());
        out.println("category      " + e.category());
        out.println("customer      " + dash(e.customerId()));
        out.println("changeId      " + dash(e.changeId()));
        out.println("from          " + dash(e.sourceFile()) + (e.index() == null ? "" : ", change #" + e.index()));
        out.println("time          " + (e.time() == null ? "-" : e.time().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + " (" + age(e) + " ago)"));
        out.println("attempts      " + e.attempts() + (e.httpStatus() == null ? "" : ", last answer HTTP " + e.httpStatus()));
        out.println("reason        " + message);
        out.println("what to do    " + DeadLetterFixes.of(e.category()) + " Then: replay " + e.name());
        return 0;
    }

    private String age(DeadLetterEntry e) {
        if (e.time() == null) {
            return "-";
        }
        return Ages.between(e.time(), clock.instant());
    }

    private static String value(List<String> arguments, int i, String usage) {
        if (i >= arguments.size()) {
            throw new IllegalArgumentException("dead-letters: " + usage);
        }
        return arguments.get(i);
    }

    private static String dash(String value) {
        return value == null ? "-" : value;
    }
}
