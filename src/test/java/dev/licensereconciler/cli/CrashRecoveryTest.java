package dev.licensereconciler.cli;

import dev.licensereconciler.support.PauseAt;
import dev.licensereconciler.support.RunOutcome;
import org.junit.jupiter.api.BeforeAll;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** The crash matrix on the embedded database, each child JVM holding it through AUTO_SERVER; {@link PauseAt} is a trigger there. */
class CrashRecoveryTest extends CrashRecoveryScenarios {

    @BeforeAll
    static void onTheEmbeddedDatabase() throws Exception {
        aRunThatIsNeverInterrupted(new Embedded());
    }

    private static final class Embedded implements Database {

        @Override
        public List<String> options(Path data, boolean held) {
            return List.of();
        }

        @Override
        public void holdable(Path data) throws SQLException {
            RunOutcome.pausePoints(RunOutcome.embedded(data), PauseAt.POINTS.keySet());
        }

        @Override
        public Connection connect(Path data) throws SQLException {
            return RunOutcome.embedded(data).connect();
        }

        /**
         * A kill within H2's write delay would lose the last commits: the next run then redoes
         * what they did, or starts afresh when the kill came that early after the start (the
         * product only needs a mail's record to be written before the mail goes, and writes it
         * then). On a fast machine the kill comes within that time, so without this the run id
         * resumed would depend on the machine.
         */
        @Override
        public void flushed(Path data) throws SQLException {
            RunOutcome.checkpoint(RunOutcome.embedded(data));
        }

        @Override
        public String tables() {
            return RunOutcome.EMBEDDED_TABLES;
        }
    }
}
