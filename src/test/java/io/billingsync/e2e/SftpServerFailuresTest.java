package io.billingsync.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.billingsync.batch.RunSummary;
import io.billingsync.sftp.SftpTestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The SFTP server down, refusing the credentials, without the remote folder, or unable to take a fetched file into
 * its done folder: fetching waits and readiness says why, the local inbox goes on, nothing is fetched twice, and a
 * --once run ends with the existing exit codes.
 */
class SftpServerFailuresTest extends SftpSyncTest {

    @Test
    void aServerStoppedMidRunIsWaitedOutAndFilesUploadedMeanwhileAreFetchedOnceItIsBack() throws Exception {
        Files.writeString(upload.resolve("before.ndjson"), change("Before"));
        harness.start(settings());
        harness.awaitResult("before.ndjson", Duration.ofSeconds(20));

        sftp.stop();
        Files.writeString(upload.resolve("during.ndjson"), change("During"));
        // the connection in use is lost first; the polls after it find no server
        await().atMost(Duration.ofSeconds(15)).until(() -> ready().statusCode() == 503 && readiness().contains("cannot be reached"));
        harness.drop("local.ndjson", change("Local"));
        harness.awaitResult("local.ndjson", Duration.ofSeconds(20));

        sftp.restart();
        harness.awaitResult("during.ndjson", Duration.ofSeconds(20));
        await().atMost(Duration.ofSeconds(10)).until(() -> ready().statusCode() == 200);
        assertThat(SftpTestServer.names(upload.resolve("done"))).containsExactly("before.ndjson", "during.ndjson");
        assertThat(harness.sandbox.putCount(customer)).as("each file once").isEqualTo(3);
    }

    @Test
    void refusedCredentialsHaltAOnceRunWithExitCode3AfterTheLocalInboxWasProcessed() throws Exception {
        harness.environment.put("SYNC_SFTP_PASSWORD", "not-the-password");
        Files.writeString(upload.resolve("remote.ndjson"), change("Remote"));
        harness.drop("local.ndjson", change("Local"));

        RunSummary summary = harness.runOnceEnding(settings(), Duration.ofSeconds(60));

        assertThat(summary.exitCode()).as(summary.render()).isEqualTo(3);
        assertThat(summary.render()).contains("HALTED", "refused to log in user erp", "password");
        assertThat(summary.files()).extracting(RunSummary.FileResult::file).containsExactly("local.ndjson");
        assertThat(SftpTestServer.names(upload)).containsExactly("remote.ndjson");
    }

    @Test
    void aPrivateKeyLogsInAndAWrongPassphraseHaltsNamingTheKey() throws Exception {
        Path key = root.resolve("id_ecdsa");
        sftp.allowKey("key-user", SftpTestServer.writeClientKey(key, "the-right-passphrase"));
        harness.environment.remove("SYNC_SFTP_PASSWORD");
        harness.environment.put("SYNC_SFTP_PRIVATE_KEY_PASSPHRASE", "the-right-passphrase");
        Files.writeString(upload.resolve("keyed.ndjson"), change("Keyed"));
        java.util.Map<String, String> withKey = settings("sync.sftp.user", "key-user", "sync.sftp.private-key-file", key.toString());

        RunSummary keyed = harness.runOnceEnding(withKey, Duration.ofSeconds(60));
        assertThat(keyed.exitCode()).as(keyed.render()).isZero();
        assertThat(sftp.logins()).isNotEmpty().containsOnly("key-user");

        harness.environment.put("SYNC_SFTP_PRIVATE_KEY_PASSPHRASE", "a-wrong-passphrase");
        Files.writeString(upload.resolve("not-fetched.ndjson"), change("Not fetched"));
        RunSummary wrong = harness.runOnceEnding(withKey, Duration.ofSeconds(60));
        assertThat(wrong.exitCode()).as(wrong.render()).isEqualTo(3);
        assertThat(wrong.render()).contains("HALTED", "the private key " + key + " cannot be used",
                "SYNC_SFTP_PRIVATE_KEY_PASSPHRASE").doesNotContain("a-wrong-passphrase");
        assertThat(SftpTestServer.names(upload)).contains("not-fetched.ndjson");
    }

    @Test
    void aMissingRemoteFolderEndsAOnceRunWithExitCode4() throws Exception {
        RunSummary summary = harness.runOnceEnding(settings("sync.sftp.remote-folder", "no-such-folder"), Duration.ofSeconds(60));

        assertThat(summary.exitCode()).as(summary.render()).isEqualTo(4);
        assertThat(summary.render()).contains("NOT COMPLETED", "no-such-folder");
    }

    @Test
    void aFileThatCannotBeMovedOnTheServerIsNotFetchedAgainAndIsMovedOnceItCanBe() throws Exception {
        // a file where the done folder should be: the remote move fails
        Path blocker = Files.writeString(sftp.root.resolve("archive"), "not a folder");
        Files.writeString(upload.resolve("stuck.ndjson"), change("Stuck"));
        harness.start(settings("sync.sftp.done-folder", "../archive"));

        harness.awaitResult("stuck.ndjson", Duration.ofSeconds(20));
        await().atMost(Duration.ofSeconds(10)).until(() -> ready().statusCode() == 503);
        assertThat(readiness()).contains("stuck.ndjson was fetched but cannot be moved to ../archive", "not fetched again");
        Thread.sleep(1500); // several polls, each finding the file still there
        assertThat(SftpTestServer.names(harness.done)).as("processed once").containsExactly("stuck.ndjson",
                "stuck.ndjson.result.json");
        assertThat(SftpTestServer.names(harness.inbox)).isEmpty();

        Files.delete(blocker);
        await().atMost(Duration.ofSeconds(10)).until(() -> SftpTestServer.names(upload).isEmpty());
        assertThat(SftpTestServer.names(sftp.root.resolve("archive"))).containsExactly("stuck.ndjson");
        await().atMost(Duration.ofSeconds(10)).until(() -> ready().statusCode() == 200);
        assertThat(SftpTestServer.names(harness.work.resolve("sftp"))).isEmpty();
        assertThat(harness.sandbox.putCount(customer)).isEqualTo(1);
    }
}
