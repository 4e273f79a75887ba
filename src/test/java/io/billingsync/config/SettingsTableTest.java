package io.billingsync.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The shipped configuration file and the table of docs/CONFIGURATION.md say what the settings table declares. */
class SettingsTableTest {

    private static final Pattern PROPERTY = Pattern.compile("^(#?)([a-z][a-z0-9.-]*)\\s*=\\s*(.*)$");
    private static final Pattern TABLE_ROW = Pattern.compile("^\\| `([a-z][a-z0-9.-]*)` \\| ([^|]*) \\| (.*) \\|$");

    @Test
    void everySettingIsInTheShippedConfigurationWithItsDefault() throws IOException {
        Map<String, String> active = new HashMap<>();
        Map<String, String> commentedOut = new HashMap<>();
        for (String line : Files.readAllLines(Path.of("config", "application.properties"), StandardCharsets.UTF_8)) {
            Matcher m = PROPERTY.matcher(line.strip());
            if (m.matches()) {
                (m.group(1).isEmpty() ? active : commentedOut).put(m.group(2), m.group(3).strip());
            }
        }
        for (Setting<?> setting : SettingsTable.ALL) {
            if (setting.defaultValue() != null) {
                assertThat(active).as("config/application.properties: %s", setting.name())
                        .containsEntry(setting.name(), setting.defaultValue());
            } else {
                assertThat(active.getOrDefault(setting.name(), "").isEmpty() && (active.containsKey(setting.name())
                        || commentedOut.containsKey(setting.name())))
                        .as("config/application.properties: %s has no default: an empty or commented-out line", setting.name())
                        .isTrue();
            }
        }
    }

    @Test
    void everySettingHasARowInTheConfigurationPageWithItsDefaultAndMeaning() throws IOException {
        Map<String, List<String>> rows = new HashMap<>();
        for (String line : Files.readAllLines(Path.of("docs", "CONFIGURATION.md"), StandardCharsets.UTF_8)) {
            Matcher m = TABLE_ROW.matcher(line.strip());
            if (m.matches()) {
                rows.put(m.group(1), List.of(m.group(2).strip(), m.group(3).strip()));
            }
        }
        for (Setting<?> setting : SettingsTable.ALL) {
            assertThat(rows).as("docs/CONFIGURATION.md: a row for %s", setting.name()).containsKey(setting.name());
            String expectedDefault = setting.defaultValue() == null ? "(none)" : "`" + setting.defaultValue() + "`";
            assertThat(rows.get(setting.name())).as("docs/CONFIGURATION.md row of %s: default, meaning", setting.name())
                    .containsExactly(expectedDefault, setting.meaning());
        }
    }

    @Test
    void everyDefaultIsAValueTheSettingAccepts() {
        for (Setting<?> setting : SettingsTable.ALL) {
            if (setting.defaultValue() != null) {
                assertThat(setting.defaultParsed()).as(setting.name()).isNotNull();
            }
        }
    }
}
