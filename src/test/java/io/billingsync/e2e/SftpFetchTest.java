package io.billingsync.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.billingsync.batch.RunSummary;
import io.billingsync.sftp.SftpTestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The SFTP source in the real service, against a real SFTP server on loopback and the sandbox: files are fetched
 * once complete, processed like inbox files and moved off the server; what goes wrong on the server side shows in
 * readiness while the local inbox goes on.
 */
class SftpFetchTest extends SftpSyncTest {
    @Test
    void completeFilesAreFetchedProcessedInNameOrderAndMovedToTheDoneFolderOnTheServer() throws Exception {
        Files.writeString(upload.resolve("erp-001.ndjson"), change("First"));
        Files.writeString(upload.resolve("erp-002.ndjson"), change("Second"));
        String longName = "x".repeat(240) + "-003.ndjson"; // 251 bytes: its records' names are shortened
        Files.writeString(upload.resolve(longName), change("Third"));

        RunSummary summary = harness.runOnceEnding(settings(), Duration.ofSeconds(60));

        assertThat(summary.exitCode()).as(summary.render()).isZero();
        assertThat(summary.files()).extracting(RunSummary.FileResult::file).containsExactly("erp-001.ndjson", "erp-002.ndjson", longName);
        assertThat(harness.sandbox.profile(customer).path("companyName").asText()).isEqualTo("Third");
        assertThat(SftpTestServer.names(upload)).containsExactly("done");
        assertThat(SftpTestServer.names(upload.resolve("done"))).containsExactlyInAnyOrder("erp-001.ndjson", "erp-002.ndjson", longName);
        assertThat(SftpTestServer.names(harness.inbox)).isEmpty();
        assertThat(SftpTestServer.names(harness.work.resolve("sftp"))).as("nothing left to remember").isEmpty();
        assertThat(harness.done.resolve("erp-001.ndjson")).hasContent(change("First").strip());
    }

    @Test
    void byDefaultFilesAreFetchedFromTheLoginFolder() throws Exception {
        Files.writeString(sftp.root.resolve("home.ndjson"), change("Home"));

        RunSummary summary = harness.runOnceEnding(settings("sync.sftp.remote-folder", "."), Duration.ofSeconds(60));

        assertThat(summary.exitCode()).as(summary.render()).isZero();
        assertThat(summary.files()).extracting(RunSummary.FileResult::file).containsExactly("home.ndjson");
        assertThat(SftpTestServer.names(sftp.root.resolve("done"))).containsExactly("home.ndjson");
        assertThat(sftp.root.resolve("home.ndjson")).doesNotExist();
    }

    @Test
    void anAbsoluteRemoteFolderWorksToo() throws Exception {
        Files.writeString(upload.resolve("absolute.ndjson"), change("Absolute"));

        RunSummary summary = harness.runOnceEnding(settings("sync.sftp.remote-folder", "/upload"), Duration.ofSeconds(60));

        assertThat(summary.files()).as(summary.render()).extracting(RunSummary.FileResult::file).containsExactly("absolute.ndjson");
        assertThat(SftpTestServer.names(upload.resolve("done"))).containsExactly("absolute.ndjson");
    }

    @Test
    void aNonAsciiNameIsFetchedAndMovedByItsBytes() throws Exception {
        // the route lists names as ISO-8859-1 (a character per byte): the UTF-8 name must come out whole
        Files.writeString(upload.resolve("café-ü.ndjson"), change("Café"));

        RunSummary summary = harness.runOnceEnding(settings(), Duration.ofSeconds(60));

        assertThat(summary.exitCode()).as(summary.render()).isZero();
        assertThat(summary.files()).extracting(RunSummary.FileResult::file).containsExactly("café-ü.ndjson");
        assertThat(harness.done.resolve("café-ü.ndjson")).exists();
        assertThat(SftpTestServer.names(upload.resolve("done"))).containsExactly("café-ü.ndjson");
        assertThat(harness.sandbox.profile(customer).path("companyName").asText()).isEqualTo("Café");
    }

    @Test
    void aNameFetchedAgainIsProcessedAfterTheEarlierFileAndReplacesItInTheDoneFolderOnTheServer() throws Exception {
        Files.writeString(upload.resolve("daily.ndjson"), change("Monday"));
        harness.start(settings());
        harness.awaitResult("daily.ndjson", Duration.ofSeconds(20));
        await().atMost(Duration.ofSeconds(10)).until(() -> SftpTestServer.names(upload).equals(List.of("done")));

        Files.writeString(upload.resolve("daily.ndjson"), change("Tuesday"));

        harness.awaitResult("daily-2.ndjson", Duration.ofSeconds(20));
        await().atMost(Duration.ofSeconds(10)).until(() -> SftpTestServer.names(upload).equals(List.of("done")));
        assertThat(upload.resolve("done").resolve("daily.ndjson")).hasContent(change("Tuesday").strip());
        assertThat(harness.done.resolve("daily.ndjson")).hasContent(change("Monday").strip());
        assertThat(harness.done.resolve("daily-2.ndjson")).hasContent(change("Tuesday").strip());
        assertThat(harness.sandbox.profile(customer).path("companyName").asText()).isEqualTo("Tuesday");
    }

    @Test
    void aFileStillGrowingOnTheServerIsNotTakenUntilItStaysTheSame() throws Exception {
        Path growing = upload.resolve("growing.ndjson");
        Files.writeString(growing, change("Part 1"));
        harness.start(settings("sync.sftp.stable-after", "1500ms"));
        for (int i = 2; i <= 6; i++) {
            Thread.sleep(500);
            Files.writeString(growing, change("Part " + i), java.nio.file.StandardOpenOption.APPEND);
            assertThat(SftpTestServer.names(harness.done)).as("taken while growing").isEmpty();
            assertThat(harness.sandbox.putCount(customer)).isZero();
        }
        JsonNode result = harness.awaitResult("growing.ndjson", Duration.ofSeconds(20));
        assertThat(result.path("changes")).hasSize(6);
        assertThat(harness.sandbox.profile(customer).path("companyName").asText()).isEqualTo("Part 6");
    }

    @Test
    void withADoneMarkerAFileIsTakenOnlyOnceItsMarkerIsThereAndTheMarkerGoesWithIt() throws Exception {
        Files.writeString(upload.resolve("marked.json"), change("Marked"));
        harness.start(settings("sync.sftp.done-marker", ".done", "sync.sftp.stable-after", "1h"));
        Thread.sleep(1500);
        assertThat(SftpTestServer.names(harness.done)).as("no marker yet").isEmpty();

        Files.writeString(upload.resolve("marked.json.done"), "");

        harness.awaitResult("marked.json", Duration.ofSeconds(20));
        await().atMost(Duration.ofSeconds(10)).until(() -> SftpTestServer.names(upload).equals(List.of("done")));
        assertThat(SftpTestServer.names(upload.resolve("done"))).containsExactly("marked.json", "marked.json.done");
        assertThat(SftpTestServer.names(harness.done)).doesNotContain("marked.json.done");
    }

    @Test
    void anUnknownHostKeyHaltsFetchingNamingTheHostAndTheFingerprintWhileTheLocalInboxGoesOn() throws Exception {
        // a known_hosts file that lists another server's key for this host and port
        try (SftpTestServer other = SftpTestServer.start(root.resolve("other"), root.resolve("other-key"))) {
            Files.writeString(knownHosts, other.knownHostsLine().replace(":" + other.port() + " ", ":" + sftp.port() + " ") + "\n");
        }
        Files.writeString(upload.resolve("remote.ndjson"), change("Remote"));
        harness.start(settings());
        harness.drop("local.ndjson", change("Local"));

        harness.awaitResult("local.ndjson", Duration.ofSeconds(20));
        await().atMost(Duration.ofSeconds(10)).until(() -> ready().statusCode() == 503);
        assertThat(readiness()).contains("sftp", "[127.0.0.1]:" + sftp.port(), "CHANGED", sftp.fingerprint());
        assertThat(sftp.logins()).as("no credentials sent to a server whose key is not trusted").isEmpty();
        assertThat(SftpTestServer.names(upload)).containsExactly("remote.ndjson");

        Files.writeString(knownHosts, "");
        await().atMost(Duration.ofSeconds(10)).until(() -> readiness().contains("is unknown"));
        assertThat(readiness()).contains(sftp.fingerprint());

        sftp.writeKnownHosts(knownHosts);
        harness.awaitResult("remote.ndjson", Duration.ofSeconds(20));
        await().atMost(Duration.ofSeconds(10)).until(() -> ready().statusCode() == 200);
    }
}
