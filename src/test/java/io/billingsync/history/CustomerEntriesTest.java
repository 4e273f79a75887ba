package io.billingsync.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CustomerEntriesTest {
    private static final FieldWriter FIRST = new FieldWriter(1_000_000_001L, null, "ERP-1", "a.ndjson #1");
    private static final FieldWriter SECOND = new FieldWriter(2_000_000_004L, "2026-11-25T09:00:00Z", "ERP-2", "b.ndjson #4");

    private final CustomerEntries entries = new CustomerEntries();

    @Test
    void anEntryReadsBackAsItWasWrittenAndAChangedCopyDoesNotChangeIt() throws Exception {
        String stored = entries.write("c1", Map.of("email", FIRST, "companyname", FIRST));
        TreeMap<String, FieldWriter> read = entries.read("c1", stored);
        assertThat(read).containsExactly(Map.entry("companyname", FIRST), Map.entry("email", FIRST));

        read.put("email", SECOND);
        assertThat(entries.read("c1", stored)).containsEntry("email", FIRST);
    }

    @Test
    void aNewerStringForTheSameCustomerIsReadEvenWithTheSameText() throws Exception {
        String older = entries.write("c1", Map.of("email", FIRST));
        String newer = new CustomerEntries().write("c1", Map.of("email", SECOND));
        assertThat(entries.read("c1", newer)).containsExactly(Map.entry("email", SECOND));
        // equal text, another string object: parsed again, same writers
        assertThat(entries.read("c1", new String(older))).containsExactly(Map.entry("email", FIRST));
    }

    @Test
    void customersSharingACacheSlotDoNotSeeEachOthersEntries() throws Exception {
        // "Aa" and "BB" have the same hash code, so the same slot
        String ofAa = entries.write("Aa", Map.of("email", FIRST));
        String ofBb = entries.write("BB", Map.of("email", SECOND));
        assertThat(entries.read("Aa", ofAa)).containsExactly(Map.entry("email", FIRST));
        assertThat(entries.read("BB", ofBb)).containsExactly(Map.entry("email", SECOND));
    }
}
