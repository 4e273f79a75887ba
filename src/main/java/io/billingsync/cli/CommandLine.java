package io.billingsync.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The parsed command line: a command, its options and arguments. */
record CommandLine(Command command, Path configFile, boolean once, boolean dryRun, boolean sandbox,
                   Map<String, String> properties, List<String> arguments, Path mappingFile) {

    enum Command { RUN, VALIDATE, MAP, REPLAY, HISTORY, STATUS, DEAD_LETTERS, CHECK_CREDENTIALS, HELP }

    static final String USAGE = """
            Usage:
              billing-profile-sync [--config FILE] [--once] [--dry-run] [--sandbox]
                  run: watch the inbox and fire the desired-state timer until stopped (SIGTERM);
                  --once      process what is in the inbox now, print a summary and exit
                              (0: nothing dead-lettered, 1: something was dead-lettered, 3: halted)
                  --dry-run   read, merge and record what would change; send no PUT (implies --once)
                  --sandbox   start the embedded Partner Center sandbox on loopback and use it
              billing-profile-sync validate [--config FILE] [--mapping FILE] FILE...
                  check change files offline and say what is wrong where (exit 1 if anything is), with the
                  settings a run would use; each file is read through the input mapping its name selects
                  (sync.mappings)
              billing-profile-sync map [--config FILE] [--mapping FILE] FILE...
                  as validate, and print the change request each row or record becomes;
                  --mapping   read the files through this mapping file, whatever their names
              billing-profile-sync replay [--config FILE] [--force] [NAME...]
                  move dead-lettered changes (all, or those named) back into the inbox;
                  --force     apply the named changes as given, even over fields newer changes set
              billing-profile-sync history [--config FILE] CUSTOMER-ID | forget CUSTOMER-ID [FIELD] | reset
                  show which change last set each field of a customer; forget the customer's entry (or one
                  field of it); or start the history afresh (while no instance leads these folders)
              billing-profile-sync status [--config FILE] [--json]
                  the running service's state (or the folders' when none answers); exit 0 healthy,
                  1 needs attention, 3 halted
              billing-profile-sync dead-letters [--config FILE] [--json] [--category C] [--customer ID]
              billing-profile-sync dead-letters [--config FILE] show NAME
                  list the dead letters with category, customer and age; show one with its reason
              billing-profile-sync check-credentials [--config FILE]
                  get an access token and make one read with Partner Center's MFA check: say whether the
                  credentials will work (0: they will, 3: they will not, 4: could not tell)
            Options: --config FILE (default config/application.properties), -Dname=value, --help
            """;

    static CommandLine parse(String[] args) {
        Command command = Command.RUN;
        Path config = Path.of("config", "application.properties");
        boolean once = false, dryRun = false, sandbox = false;
        Path mapping = null;
        Map<String, String> properties = new LinkedHashMap<>();
        List<String> arguments = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--config" -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("--config needs a file: --config FILE");
                    }
                    config = Path.of(args[++i]);
                }
                case "--mapping" -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("--mapping needs a mapping file: --mapping FILE");
                    }
                    mapping = Path.of(args[++i]);
                }
                case "--once" -> once = true;
                case "--dry-run" -> dryRun = true;
                case "--sandbox" -> sandbox = true;
                case "--help", "-h" -> command = Command.HELP;
                default -> {
                    if (arg.startsWith("-D") && arg.contains("=")) {
                        properties.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
                    } else if (arguments.isEmpty() && command == Command.RUN && arg.equals("validate")) {
                        command = Command.VALIDATE;
                    } else if (arguments.isEmpty() && command == Command.RUN && arg.equals("map")) {
                        command = Command.MAP;
                    } else if (arguments.isEmpty() && command == Command.RUN && arg.equals("replay")) {
                        command = Command.REPLAY;
                    } else if (arguments.isEmpty() && command == Command.RUN && arg.equals("history")) {
                        command = Command.HISTORY;
                    } else if (arguments.isEmpty() && command == Command.RUN && arg.equals("status")) {
                        command = Command.STATUS;
                    } else if (arguments.isEmpty() && command == Command.RUN && arg.equals("dead-letters")) {
                        command = Command.DEAD_LETTERS;
                    } else if ((command == Command.STATUS || command == Command.DEAD_LETTERS) && arg.startsWith("--")) {
                        arguments.add(arg); // the command's own options
                    } else if (arguments.isEmpty() && command == Command.RUN && arg.equals("check-credentials")) {
                        command = Command.CHECK_CREDENTIALS;
                    } else if (command == Command.REPLAY && arg.equals(ReplayCommand.FORCE)) {
                        arguments.add(arg);
                    } else if (arg.startsWith("--")) {
                        throw new IllegalArgumentException("unknown option " + arg);
                    } else if (command == Command.RUN || command == Command.CHECK_CREDENTIALS) {
                        throw new IllegalArgumentException("unexpected argument " + arg);
                    } else {
                        arguments.add(arg);
                    }
                }
            }
        }
        if ((command == Command.VALIDATE || command == Command.MAP) && arguments.isEmpty()) {
            throw new IllegalArgumentException(command.name().toLowerCase(java.util.Locale.ROOT)
                    + " needs at least one file: " + command.name().toLowerCase(java.util.Locale.ROOT) + " FILE...");
        }
        if (mapping != null && command != Command.VALIDATE && command != Command.MAP) {
            throw new IllegalArgumentException("--mapping goes with validate or map");
        }
        boolean forget = command == Command.HISTORY && !arguments.isEmpty() && arguments.get(0).equals(HistoryCommand.FORGET);
        if (command == Command.HISTORY && (forget ? arguments.size() < 2 || arguments.size() > 3 : arguments.size() != 1)) {
            throw new IllegalArgumentException("history needs one customer id, reset, or forget with a customer id and"
                    + " optionally a field: history CUSTOMER-ID | history forget CUSTOMER-ID [FIELD]");
        }
        return new CommandLine(command, config, once || dryRun, dryRun, sandbox, properties, arguments, mapping);
    }
}
