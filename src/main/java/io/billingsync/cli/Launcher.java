package io.billingsync.cli;

import io.billingsync.batch.RunSummary;
import io.billingsync.change.ChangeFileReader;
import io.billingsync.config.InvalidSettingsException;
import io.billingsync.history.HistoryUnusableException;
import io.billingsync.mapping.InputFormats;
import io.billingsync.mapping.InvalidMappingException;
import io.billingsync.mapping.Mapping;
import io.billingsync.mapping.MappingFile;
import io.billingsync.config.SettingsLoader;
import io.billingsync.config.SettingsTable;
import io.billingsync.config.SyncSettings;
import io.billingsync.config.TokenProviders;
import io.billingsync.monitoring.FolderStatus;
import io.billingsync.partnercenter.CredentialsCheck;
import io.billingsync.records.DeadLetterFolder;
import io.billingsync.sandbox.PartnerCenterSandbox;
import io.billingsync.sandbox.SandboxSettings;
import io.billingsync.service.SyncService;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** The command line: run the service (or once), validate or map change files, replay dead letters, check the credentials. */
public final class Launcher {
    static final int USAGE_ERROR = 2;
    /** --once found another instance holding the folder set's lock and processed nothing. */
    static final int STANDBY = 5;
    /** The instance took the leader lock but its change history is missing or damaged (docs/RECORDS.md). */
    static final int HISTORY_UNUSABLE = 6;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        CommandLine command;
        try {
            command = CommandLine.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.print(CommandLine.USAGE);
            return USAGE_ERROR;
        }
        try {
            return switch (command.command()) {
                case HELP -> {
                    System.out.print(CommandLine.USAGE);
                    yield 0;
                }
                case VALIDATE, MAP -> validate(command);
                case REPLAY -> replay(command);
                case HISTORY -> history(command);
                case STATUS -> ownOptions(() -> status(command));
                case DEAD_LETTERS -> ownOptions(() -> deadLetters(command));
                case CHECK_CREDENTIALS -> checkCredentials(command);
                case RUN -> runService(command);
            };
        } catch (InvalidSettingsException | InvalidMappingException | HistoryUnusableException e) {
            System.err.println("billing-profile-sync cannot start: " + e.getMessage());
            return USAGE_ERROR;
        } catch (Exception e) {
            System.err.println("billing-profile-sync failed: " + e);
            return 1;
        }
    }

    /**
     * Offline, with the settings the service would use: the clock skew allowed, the desired-state file, the history,
     * the mappings the settings bind to the files' names (or the one given with --mapping).
     */
    private static int validate(CommandLine command) {
        SyncSettings settings = SyncSettings.offline(load(command, command.properties()));
        InputFormats formats = InputFormats.load(settings.mappings())
                .readingWith(ChangeFileReader.withClock(Clock.systemUTC(), settings.changedAtClockSkew()));
        Mapping forced = command.mappingFile() == null ? null : MappingFile.load(command.mappingFile());
        return new ValidateCommand(formats, forced, command.command() == CommandLine.Command.MAP,
                settings.desiredStateFile(), settings.history(), System.out)
                .run(command.arguments().stream().map(Path::of).toList());
    }

    private static int replay(CommandLine command) {
        SyncSettings settings = SyncSettings.offline(load(command, command.properties()));
        return new ReplayCommand(new DeadLetterFolder(settings.deadLetter()), settings.inbox(), System.out)
                .run(command.arguments());
    }

    private static int history(CommandLine command) {
        SyncSettings settings = SyncSettings.offline(load(command, command.properties()));
        return new HistoryCommand(settings.work(), settings.done(), System.out, Clock.systemUTC(),
                settings.changedAtClockSkew()).run(command.arguments());
    }

    /** A command parsing its own options: a wrong one is a bad command line (exit 2), not a failure. */
    private static int ownOptions(java.util.concurrent.Callable<Integer> command) throws Exception {
        try {
            return command.call();
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return USAGE_ERROR;
        }
    }

    private static int status(CommandLine command) throws java.io.IOException {
        Properties properties = load(command, command.properties());
        SyncSettings settings = SyncSettings.offline(properties);
        FolderStatus.Folders folders = new FolderStatus.Folders(settings.inbox(), settings.done(), settings.deadLetter(),
                settings.work(), settings.value(SettingsTable.REFRESH_TOKEN_FILE));
        return new StatusCommand(StatusCommand.endpoint(properties), new FolderStatus(folders, Clock.systemUTC()), System.out)
                .run(command.arguments());
    }

    private static int deadLetters(CommandLine command) throws java.io.IOException {
        SyncSettings settings = SyncSettings.offline(load(command, command.properties()));
        return new DeadLettersCommand(new DeadLetterFolder(settings.deadLetter()), System.out, Clock.systemUTC())
                .run(command.arguments());
    }

    private static int checkCredentials(CommandLine command) {
        Properties properties = load(command, command.properties());
        SyncSettings settings = SyncSettings.from(properties);
        logLevelFrom(properties);
        CredentialsCheck check = new CredentialsCheck(settings.baseUrl(), () -> TokenProviders.create(settings),
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(), settings.requestTimeout(),
                settings.application(), settings.locale(), Clock.systemUTC());
        return new CheckCredentialsCommand(System.out).run(settings, check);
    }

    private static int runService(CommandLine command) throws Exception {
        Map<String, String> overrides = new LinkedHashMap<>(command.properties());
        if (command.once()) {
            overrides.put(SettingsTable.ONCE.name(), "true");
        }
        if (command.dryRun()) {
            overrides.put(SettingsTable.DRY_RUN.name(), "true");
        }
        PartnerCenterSandbox sandbox = null;
        if (command.sandbox()) {
            sandbox = PartnerCenterSandbox.start(SandboxSettings.defaults());
            overrides.put(SettingsTable.BASE_URL.name(), sandbox.baseUrl().toString());
            overrides.put(SettingsTable.TOKEN.name(), sandbox.staticToken());
            overrides.put(SettingsTable.TOKEN_URL.name(), "");
            System.out.println("Embedded Partner Center sandbox listening on " + sandbox.baseUrl());
        }
        try {
            Properties properties = load(command, overrides);
            SyncSettings settings = SyncSettings.from(properties);
            logLevelFrom(properties);
            SyncService service = new SyncService(settings, properties, TokenProviders.create(settings), Clock.systemUTC());
            SignalStop.install(service);
            RunSummary summary = service.run();
            if (service.leadership().refused() != null) {
                System.err.println("billing-profile-sync cannot start: " + service.leadership().refused().getMessage());
                return HISTORY_UNUSABLE;
            }
            if (!settings.once()) {
                return 0;
            }
            if (service.leadership().stoodBy()) {
                System.err.println("billing-profile-sync: another instance is processing these folders; nothing done");
                return STANDBY;
            }
            System.out.print(summary.render());
            return summary.exitCode();
        } finally {
            if (sandbox != null) {
                sandbox.close();
            }
        }
    }

    /** log4j2.xml reads the level as a system property: set it from wherever the setting came, before the first log line. */
    private static void logLevelFrom(Properties properties) {
        String level = properties.getProperty(SettingsTable.LOG_LEVEL.name());
        if (level != null && !level.isBlank()) {
            System.setProperty(SettingsTable.LOG_LEVEL.name(), level.trim());
        }
    }

    private static Properties load(CommandLine command, Map<String, String> overrides) {
        Path config = command.configFile();
        boolean implicitDefault = config.equals(Path.of("config", "application.properties"));
        if (implicitDefault && !Files.exists(config)) {
            config = null; // no file at the default place: environment and -D settings only
        }
        return SettingsLoader.fromProcess().load(config, overrides);
    }

    private Launcher() {
    }
}
