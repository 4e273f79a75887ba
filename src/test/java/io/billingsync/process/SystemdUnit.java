package io.billingsync.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The settings of the shipped systemd unit that decide what the service may read, write and run. */
record SystemdUnit(String workingDirectory, Map<String, String> environment, List<String> execStart,
                   List<String> writablePaths) {

    static final Path SHIPPED = Path.of("deploy", "billing-profile-sync.service");

    static SystemdUnit shipped() throws IOException {
        String workingDirectory = null;
        Map<String, String> environment = new LinkedHashMap<>();
        List<String> execStart = List.of();
        List<String> writable = new ArrayList<>();
        for (String line : Files.readAllLines(SHIPPED)) {
            int eq = line.indexOf('=');
            if (line.startsWith("#") || eq < 0) {
                continue;
            }
            String key = line.substring(0, eq).trim();
            String value = line.substring(eq + 1).trim();
            switch (key) {
                case "WorkingDirectory" -> workingDirectory = value;
                case "Environment" -> environment.put(value.substring(0, value.indexOf('=')), value.substring(value.indexOf('=') + 1));
                case "ExecStart" -> execStart = List.of(value.split("\\s+"));
                // with ProtectSystem=strict only these (and the state directories) are writable
                case "ReadWritePaths" -> writable.addAll(Arrays.asList(value.split("\\s+")));
                case "StateDirectory" -> Arrays.stream(value.split("\\s+")).forEach(name -> writable.add("/var/lib/" + name));
                default -> {
                }
            }
        }
        return new SystemdUnit(workingDirectory, environment, execStart, writable);
    }

    /** The value of an ExecStart option such as {@code --config}. */
    String option(String name) {
        int at = execStart.indexOf(name);
        if (at < 0 || at + 1 >= execStart.size()) {
            throw new IllegalStateException("ExecStart has no " + name + ": " + execStart);
        }
        return execStart.get(at + 1);
    }

    boolean isWritable(String absolutePath) {
        return writablePaths.stream().anyMatch(w -> absolutePath.equals(w) || absolutePath.startsWith(w + "/"));
    }
}
