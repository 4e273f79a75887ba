package io.billingsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What dead-letters show prints of a reason: the change's values and anything shaped like an email masked. */
class ChangeValueMaskTest {
    @TempDir
    Path dir;

    @Test
    void theChangesValuesAndEmailsAreMaskedWholeWordsOnly() throws Exception {
        Path change = Files.writeString(dir.resolve("erp.0.json"), """
                {"customerId": "0f3a1b2c-4d5e-4f60-8a7b-9c0d1e2f3a4b", "changeId": "ERP-1",
                 "changes": {"companyName": "Jane Doe Consulting", "defaultAddress": {"country": "US", "city": "Oslo"}}}
                """);
        String reason = "Partner Center rejected 'Jane Doe Consulting' in Oslo (country US, STATUS 400); contact"
                + " billing@contoso.com. Customer 0f3a1b2c-4d5e-4f60-8a7b-9c0d1e2f3a4b, change ERP-1.";

        String masked = ChangeValueMask.of(change).mask(reason);

        assertThat(masked).doesNotContain("Jane Doe", "Oslo", "billing@contoso.com", " US,")
                .contains("'***' in *** (country ***, STATUS 400)", "contact ***.")
                .contains("0f3a1b2c-4d5e-4f60-8a7b-9c0d1e2f3a4b", "ERP-1");
    }

    @Test
    void aFileThatIsNotJsonStillHasItsEmailsMasked() throws Exception {
        Path unreadable = Files.writeString(dir.resolve("broken.json"), "{ not json");
        assertThat(ChangeValueMask.of(unreadable).mask("line 1: x@y.example is wrong")).isEqualTo("line 1: *** is wrong");
    }
}
