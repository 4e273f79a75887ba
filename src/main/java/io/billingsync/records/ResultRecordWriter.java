package io.billingsync.records;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Writes {@code <file>.result.json}: the summary of counts, then every change's outcome in input order. The
 * outcomes are streamed from the file's journal, so a file of millions of changes is recorded without holding
 * them in memory.
 */
public final class ResultRecordWriter {

    public ResultSummary write(Path dir, String fileName, Journal outcomes, Instant started, Instant finished,
                               boolean dryRun) {
        AtomicFiles.createPrivateDirectories(dir);
        ResultSummary summary = outcomes.summary();
        AtomicFiles.write(dir.resolve(FileNames.withSuffix(fileName, DoneFolder.RESULT_SUFFIX)), out -> {
            try (JsonGenerator json = RecordJson.MAPPER.writerWithDefaultPrettyPrinter().createGenerator(out)) {
                json.writeStartObject();
                json.writeStringField("file", fileName);
                json.writeStringField("started", started.toString());
                json.writeStringField("finished", finished.toString());
                json.writeBooleanField("dryRun", dryRun);
                json.writeObjectField("summary", summary);
                json.writeArrayFieldStart("changes");
                outcomes.forEach(outcome -> {
                    try {
                        json.writeObject(outcome);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                json.writeEndArray();
                json.writeEndObject();
            }
        });
        return summary;
    }
}
