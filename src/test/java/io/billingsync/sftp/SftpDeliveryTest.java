package io.billingsync.sftp;

import static org.assertj.core.api.Assertions.assertThat;

import io.billingsync.batch.RunSummary;
import io.billingsync.batch.UnusableFileNames;
import io.billingsync.records.DeadLetterFolder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The route's delivery step on real folders: what a remote file becomes locally, and what a restart finishes. */
class SftpDeliveryTest {
    @TempDir
    Path root;
    Path inbox;
    Path deadLetter;
    FetchLedger ledger;
    SftpDelivery delivery;
    RunSummary summary = new RunSummary();
    final List<SftpProblems.Problem> problems = new ArrayList<>();
    final CamelContext camel = new DefaultCamelContext();

    @BeforeEach
    void setUp() throws IOException {
        inbox = Files.createDirectories(root.resolve("inbox"));
        deadLetter = root.resolve("dead-letter");
        ledger = new FetchLedger(root.resolve("work"));
        Clock clock = Clock.systemUTC();
        delivery = new SftpDelivery(inbox, ledger, new UnusableFileNames(inbox, new DeadLetterFolder(deadLetter), summary,
                false, clock), new SftpProblems("sftp://test", clock, problems::add));
    }

    @AfterEach
    void tearDown() throws Exception {
        camel.close();
    }

    /** An exchange as the route's consumer makes it: the file as listed (ISO-8859-1 name), its content as a stream. */
    Exchange listed(String listedName, byte[] content, long listedSize) {
        GenericFile<Object> file = new GenericFile<>();
        file.setFileNameOnly(listedName);
        file.setFileName(listedName);
        file.setFileLength(listedSize);
        file.setLastModified(1_700_000_000_000L);
        Exchange exchange = new DefaultExchange(camel);
        exchange.setProperty(ExchangePropertyKey.FILE_EXCHANGE_FILE, file);
        exchange.getIn().setBody(new ByteArrayInputStream(content));
        return exchange;
    }

    static String asListed(String utf8Name) {
        return new String(utf8Name.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    @Test
    void aNameThatIsNotUtf8GoesToTheDeadLetterFolderUnreadUnderAPrintableName() throws IOException {
        byte[] content = "{\"customerId\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        // the bytes 63 61 66 E9 ...: Latin-1 "café.json", not UTF-8
        delivery.deliver(listed("caf\u00E9.json", content, content.length));

        assertThat(SftpTestServer.names(inbox)).isEmpty();
        assertThat(deadLetter.resolve("caf%E9.json")).hasBinaryContent(content);
        assertThat(Files.readString(deadLetter.resolve("caf%E9.json.error.json"))).contains("not valid UTF-8", "63 61 66 E9");
        assertThat(summary.deadLettered()).isEqualTo(1);
        assertThat(problems).isEmpty();
    }

    @Test
    void aNameLongerThanALocalNameMayBeIsShortenedWithAHashKeepingItsExtension() throws IOException {
        String name = "é".repeat(140) + ".json"; // 285 bytes: servers on other file systems allow such names
        byte[] content = "long".getBytes(StandardCharsets.UTF_8);
        delivery.deliver(listed(asListed(name), content, content.length));

        List<String> delivered = SftpTestServer.names(inbox);
        assertThat(delivered).singleElement().satisfies(local -> {
            assertThat(local.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(255);
            assertThat(local).startsWith("é".repeat(100)).matches(".*~[0-9a-f]{8}\\.json");
        });
        assertThat(inbox.resolve(delivered.get(0))).hasBinaryContent(content);
    }

    @Test
    void aFileFetchedBeforeIsNotDownloadedAgainEvenAfterTheInboxProcessedIt() throws IOException {
        byte[] content = "first".getBytes(StandardCharsets.UTF_8);
        delivery.deliver(listed(asListed("erp-1.json"), content, content.length));
        assertThat(inbox.resolve("erp-1.json")).hasBinaryContent(content);
        Files.delete(inbox.resolve("erp-1.json")); // processed and archived

        delivery.deliver(listed(asListed("erp-1.json"), content, content.length)); // its remote move failed: listed again

        assertThat(SftpTestServer.names(inbox)).as("not fetched a second time").isEmpty();
        assertThat(ledger.all()).hasSize(1);
        assertThat(delivery.delivered(ledger.all().get(0))).isTrue();
    }

    @Test
    void aFileThatChangedWhileDownloadedIsNeitherDeliveredNorRemembered() throws IOException {
        byte[] content = "shorter than listed".getBytes(StandardCharsets.UTF_8);
        delivery.deliver(listed(asListed("erp-2.json"), content, content.length + 10));

        assertThat(SftpTestServer.names(inbox)).isEmpty();
        assertThat(ledger.all()).isEmpty();
        assertThat(problems).singleElement().satisfies(p -> assertThat(p.reason()).contains("erp-2.json", "changed while"));
    }

    @Test
    void aFileWhoseNameIsTakenInTheInboxWaitsForItWithoutBeingDownloaded() throws IOException {
        Files.writeString(inbox.resolve("erp-3.json"), "the local one");
        byte[] content = "remote".getBytes(StandardCharsets.UTF_8);
        delivery.deliver(listed(asListed("erp-3.json"), content, content.length));

        assertThat(inbox.resolve("erp-3.json")).hasContent("the local one");
        assertThat(ledger.all()).isEmpty();
        assertThat(SftpTestServer.names(inbox)).containsExactly("erp-3.json");
    }

    @Test
    void onTakingOverRememberedDownloadsAreRenamedIntoPlaceAndUnrememberedOnesRemoved() throws IOException {
        RemoteFile remote = new RemoteFile(asListed("erp-4.json"), 4, 1_700_000_000_000L);
        Files.writeString(inbox.resolve(SftpDelivery.TEMP_PREFIX + remote.id()), "done");
        ledger.remember(new FetchLedger.Fetch(remote.id(), remote.listedName(), remote.printable(), 4, remote.modified(),
                SftpDelivery.TEMP_PREFIX + remote.id(), "erp-4.json", false));
        Files.writeString(inbox.resolve(SftpDelivery.TEMP_PREFIX + "0123456789abcdef"), "complete, never remembered");
        Files.writeString(inbox.resolve("." + SftpDelivery.TEMP_PREFIX + "0123.1b2c.tmp"), "cut off");

        delivery.recover();

        assertThat(SftpTestServer.names(inbox)).containsExactly("erp-4.json");
        assertThat(inbox.resolve("erp-4.json")).hasContent("done");
        assertThat(delivery.delivered(ledger.find(remote.id()))).isTrue();
    }
}
