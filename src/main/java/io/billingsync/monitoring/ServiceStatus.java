package io.billingsync.monitoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the {@code status} command shows, from the running service ({@code source = service}, its
 * {@code /observe/status}) or from the folders when none answers ({@code source = folders}). Ids and file names
 * only: no personal data, no secret.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServiceStatus(String source, @JsonSerialize(using = ToStringSerializer.class) Instant checkedAt,
                            Verdict verdict, List<String> problems, Leader leader, Inbox inbox, InProgress inProgress,
                            Halted halted, DeadLetters deadLetters,
                            @JsonSerialize(using = ToStringSerializer.class) Instant throttledUntil,
                            String partnerCenterProblem,
                            @JsonSerialize(using = ToStringSerializer.class) Instant lastAppliedChange,
                            @JsonSerialize(using = ToStringSerializer.class) Instant lastCompletedFile,
                            @JsonSerialize(using = ToStringSerializer.class) Instant refreshTokenRotated) {

    public static final String FROM_SERVICE = "service";
    public static final String FROM_FOLDERS = "folders";

    /** What a monitoring check does with it: the exit code of {@code status}. */
    public enum Verdict {
        HEALTHY("healthy", 0), NEEDS_ATTENTION("needs-attention", 1), HALTED("halted", 3);

        private final String word;
        private final int exitCode;

        Verdict(String word, int exitCode) {
            this.word = word;
            this.exitCode = exitCode;
        }

        @JsonValue
        public String word() {
            return word;
        }

        public int exitCode() {
            return exitCode;
        }

        /** Halted when a file is; needs attention when anything else is listed; healthy otherwise. */
        public static Verdict of(Halted halted, List<String> problems) {
            return halted != null ? HALTED : problems.isEmpty() ? HEALTHY : NEEDS_ATTENTION;
        }
    }

    /** {@code role}: leader or standby; {@code leaderId}: the instance the election names, when it names one. */
    public record Leader(String role, String leaderId, String lock) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Inbox(long files, String oldest, @JsonSerialize(using = ToStringSerializer.class) Instant oldestWritten,
                        Long oldestAgeSeconds) {
    }

    /** {@code settled}: changes settled so far in this process; null when read from the folders (a journal). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InProgress(String file, Long settled, @JsonSerialize(using = ToStringSerializer.class) Instant since) {
    }

    /** A file that cannot be completed ({@code cause}: credentials or environment) and holds back later files. */
    public record Halted(String file, String cause, String reason, int attempts,
                         @JsonSerialize(using = ToStringSerializer.class) Instant since) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DeadLetters(long total, Map<String, Long> byCategory,
                              @JsonSerialize(using = ToStringSerializer.class) Instant oldest) {
    }
}
