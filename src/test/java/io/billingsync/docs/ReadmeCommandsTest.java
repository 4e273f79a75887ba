package io.billingsync.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's two commands are the ones the project runs: CI runs its test command, its demo script exists. */
class ReadmeCommandsTest {

    @Test
    void ciRunsTheTestCommandTheReadmeGives() throws IOException {
        String command = firstCommandAfter("Run the tests");

        assertThat(command).startsWith("mvn ");
        assertThat(Files.readAllLines(Path.of(".ci", "run"), StandardCharsets.UTF_8)).as(".ci/run").contains(command);
    }

    @Test
    void theQuickstartBuildsTheJarAndRunsTheShippedDemo() throws IOException {
        String command = firstCommandAfter("Build, then run the shipped examples");

        assertThat(command).contains("mvn -B -q package", "./bin/sandbox-demo");
        assertThat(Path.of("bin", "sandbox-demo")).isExecutable();
    }

    /** The first line of the first fenced block after the README paragraph that starts with {@code lead}. */
    private static String firstCommandAfter(String lead) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("README.md"), StandardCharsets.UTF_8);
        int i = 0;
        while (i < lines.size() && !lines.get(i).startsWith(lead)) {
            i++;
        }
        while (i < lines.size() && !lines.get(i).startsWith("```")) {
            i++;
        }
        assertThat(i + 1).as("a fenced block after '%s' in README.md", lead).isLessThan(lines.size());
        return lines.get(i + 1).strip();
    }
}
