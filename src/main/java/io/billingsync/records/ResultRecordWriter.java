package io.billingsync.records;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes {@code <file>.result.json}: every change's outcome in input order, and the summary of counts. */
public final class ResultRecordWriter {

    public Path write(Path dir, String fileName, List<ChangeOutcome> outcomes, Instant started, Instant finished,
                      boolean dryRun) {
        AtomicFiles.createPrivateDirectories(dir);
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("file", fileName);
        record.put("started", started.toString());
        record.put("finished", finished.toString());
        record.put("dryRun", dryRun);
        record.put("summary", ResultSummary.of(outcomes));
        record.put("changes", outcomes);
        Path target = dir.resolve(fileName + DoneFolder.RESULT_SUFFIX);
        AtomicFiles.write(target, RecordJson.pretty(record));
        return target;
    }
}
