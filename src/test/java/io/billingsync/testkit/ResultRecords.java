package io.billingsync.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Result records in done/ and the change ids of the files archived beside them. */
final class ResultRecords {
    static final String SUFFIX = ".result.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ResultRecords() {
    }

    /** The names of the result records in the folder, sorted. */
    static List<String> namesIn(Path done) {
        return SyncFolders.names(done).stream().filter(n -> n.endsWith(SUFFIX)).toList();
    }

    static JsonNode read(Path file) {
        assertThat(file).as("result record").exists();
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The change ids of a change file, NDJSON or a JSON array, or of an export ({@link ErpExports}), in the file's order. */
    static List<String> changeIdsIn(Path file) {
        try {
            if (file.getFileName().toString().endsWith(".csv")) {
                return ErpExports.changeIdsIn(file);
            }
            String content = Files.readString(file).trim();
            if (content.startsWith("{") && content.contains("\"value\"")) {
                List<String> exported = ErpExports.changeIdsIn(file);
                if (exported != null) {
                    return exported;
                }
            }
            List<String> ids = new ArrayList<>();
            if (content.startsWith("[")) {
                JSON.readTree(content).forEach(c -> ids.add(c.path("changeId").asText()));
            } else {
                for (String line : content.lines().filter(l -> !l.isBlank()).toList()) {
                    ids.add(JSON.readTree(line).path("changeId").asText());
                }
            }
            return ids;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
