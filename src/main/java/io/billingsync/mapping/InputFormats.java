package io.billingsync.mapping;

import io.billingsync.change.ChangeCursor;
import io.billingsync.change.ChangeFileReader;
import io.billingsync.change.FileContent;
import io.billingsync.change.UnreadableChangeFileException;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How each inbox file is read, chosen by its name: through the input mapping of the first file-name pattern that
 * matches it (a CSV export, an ERP's JSON), or, when none does, as the service's own change requests.
 */
public final class InputFormats {

    /** A file-name pattern (a glob, such as {@code sap-*.csv}) and the mapping it selects. */
    record Binding(String pattern, PathMatcher matcher, Mapping mapping) {
    }

    /** What the dead-letter folder names a change: {@code <stem>.<index>.json}. */
    private static final Pattern DEAD_LETTER_NAME = Pattern.compile(".+\\.\\d+\\.json");

    private final ChangeFileReader reader;
    private final List<Binding> bindings;
    private final long maxRowChars;

    InputFormats(ChangeFileReader reader, List<Binding> bindings, long maxRowChars) {
        this.reader = reader;
        this.bindings = List.copyOf(bindings);
        this.maxRowChars = maxRowChars;
    }

    /** Every file read as change requests as they are. */
    public static InputFormats changeRequestsOnly() {
        return new InputFormats(ChangeFileReader.withDefaults(), List.of(), RowLengthGuard.MAX_ROW_CHARS);
    }

    /**
     * Reads and checks every mapping file the patterns name, in their order; every mistake of every file is reported
     * at once ({@link InvalidMappingException}).
     */
    public static InputFormats load(Map<String, Path> mappingsByPattern) {
        List<Binding> bindings = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        mappingsByPattern.forEach((pattern, file) -> {
            try {
                bindings.add(new Binding(pattern, FileSystems.getDefault().getPathMatcher("glob:" + pattern),
                        MappingFile.load(file)));
            } catch (InvalidMappingException e) {
                problems.add(e.getMessage());
            }
        });
        if (!problems.isEmpty()) {
            throw new InvalidMappingException(problems);
        }
        return new InputFormats(ChangeFileReader.withDefaults(), bindings, RowLengthGuard.MAX_ROW_CHARS);
    }

    /**
     * The same formats reading change requests with {@code changeReader}, whose checks (a {@code changedAt} ahead of
     * the clock, say) apply to mapped rows and records too.
     */
    public InputFormats readingWith(ChangeFileReader changeReader) {
        return new InputFormats(changeReader, bindings, maxRowChars);
    }

    /** The same formats with another row-length limit (tests). */
    InputFormats withMaxRowChars(long chars) {
        return new InputFormats(reader, bindings, chars);
    }

    /**
     * The mapping the file's name selects; null when it is read as change requests. A name such as
     * {@code accounts.3.json} is a dead letter's, which {@code replay} moves back into the inbox as a change request:
     * no pattern selects it.
     */
    public Mapping mappingFor(Path file) {
        Path name = file.getFileName();
        if (DEAD_LETTER_NAME.matcher(name.toString()).matches()) {
            return null;
        }
        return bindings.stream().filter(b -> b.matcher().matches(name)).map(Binding::mapping).findFirst().orElse(null);
    }

    /** Opens a file by the format its name selects. */
    public ChangeCursor open(Path file) throws UnreadableChangeFileException {
        try {
            return open(file, FileContent.open(file));
        } catch (IOException e) {
            throw ChangeFileReader.cannotRead(file, e);
        }
    }

    /** Reads the content of {@code file} by the format its name selects; the cursor closes it. */
    public ChangeCursor open(Path file, FileContent content) throws UnreadableChangeFileException {
        return open(file, content, mappingFor(file));
    }

    /** Reads the content through {@code mapping} (null: as change requests); the cursor closes it. */
    public ChangeCursor open(Path file, FileContent content, Mapping mapping) throws UnreadableChangeFileException {
        if (mapping == null) {
            return reader.open(file, content);
        }
        if (mapping.format() == Mapping.Format.JSON) {
            return reader.open(file, content, mapping.records(), new JsonRecords(mapping, reader.validator()));
        }
        try {
            return new CsvCursor(file, content, mapping, maxRowChars, reader.validator());
        } catch (IOException e) {
            throw ChangeFileReader.cannotRead(file, e);
        }
    }
}
