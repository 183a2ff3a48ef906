package dev.licensereconciler.batch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Which databases the start lock guards, which of H2's errors are retried, and that a second opener waits. */
class EmbeddedDatabaseGateTest {

    @TempDir
    Path dir;

    @Test
    void onlyASharedH2FileHasAStartLock() {
        assertThat(EmbeddedDatabaseGate.sharedH2File("jdbc:h2:file:./data/license-reconciler;AUTO_SERVER=TRUE"))
                .contains("./data/license-reconciler");
        assertThat(EmbeddedDatabaseGate.sharedH2File("jdbc:h2:/srv/lr/db;MODE=MySQL;auto_server=true")).contains("/srv/lr/db");
        assertThat(EmbeddedDatabaseGate.sharedH2File("jdbc:h2:file:./data/license-reconciler")).as("not shared").isEmpty();
        assertThat(EmbeddedDatabaseGate.sharedH2File("jdbc:h2:mem:test;AUTO_SERVER=TRUE")).isEmpty();
        assertThat(EmbeddedDatabaseGate.sharedH2File("jdbc:h2:tcp://db/lr;AUTO_SERVER=TRUE")).isEmpty();
        assertThat(EmbeddedDatabaseGate.sharedH2File("jdbc:mysql://db:3306/license_reconciler")).isEmpty();
        assertThat(EmbeddedDatabaseGate.sharedH2File(null)).isEmpty();
    }

    @Test
    void onlyTheLockFileHandShakeIsRetried() {
        assertThat(EmbeddedDatabaseGate.transientLock(new IllegalStateException(new SQLException(
                "Error opening database: \"Lock file recently modified\" [8000-240]", "08000", 8000)))).isTrue();
        assertThat(EmbeddedDatabaseGate.transientLock(new SQLException("Database may be already in use: \"Locked by another "
                + "process: /d/license-reconciler.lock.db\". Possible solutions: close all other connection(s); use the server "
                + "mode [90020-240]", "90020", 90020))).isTrue();
        assertThat(EmbeddedDatabaseGate.transientLock(new SQLException("Database may be already in use: \"The file is locked: "
                + "/d/license-reconciler.mv.db\" [90020-240]", "90020", 90020))).as("held by a process that does not share it")
                .isFalse();
        assertThat(EmbeddedDatabaseGate.transientLock(new SQLException("File corrupted while reading record [90030-240]",
                "90030", 90030))).isFalse();
    }

    @Test
    void aSecondOpenerWaitsUntilTheFirstHasOpened() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("license-reconciler") + ";AUTO_SERVER=TRUE";
        EmbeddedDatabaseGate first = new EmbeddedDatabaseGate(url);
        first.enter();
        assertThat(dir.resolve("license-reconciler.start.lock")).exists();
        CountDownLatch secondIn = new CountDownLatch(1);
        EmbeddedDatabaseGate second = new EmbeddedDatabaseGate(url);
        Thread opener = new Thread(() -> {
            second.enter();
            secondIn.countDown();
        });
        opener.start();
        try {
            assertThat(secondIn.await(500, TimeUnit.MILLISECONDS)).as("waits while the first opens").isFalse();
            first.leave();
            assertThat(secondIn.await(10, TimeUnit.SECONDS)).as("goes in once the first has opened").isTrue();
        } finally {
            first.leave();
            opener.join(10_000);
            second.leave();
        }
        assertThat(Files.exists(dir.resolve("license-reconciler.start.lock"))).as("the lock file stays, empty").isTrue();
    }
}
