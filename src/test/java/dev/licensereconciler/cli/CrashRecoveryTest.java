package dev.licensereconciler.cli;

import dev.licensereconciler.support.PauseAt;
import org.junit.jupiter.api.BeforeAll;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

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
            try (Connection c = connect(data); Statement s = c.createStatement()) {
                for (Map.Entry<String, String> point : PauseAt.POINTS.entrySet()) {
                    s.execute("CREATE TRIGGER " + point.getKey() + " " + point.getValue() + " FOR EACH ROW CALL \""
                            + PauseAt.class.getName() + "\"");
                }
            }
        }

        @Override
        public Connection connect(Path data) throws SQLException {
            return DriverManager.getConnection("jdbc:h2:file:" + data.toAbsolutePath() + "/license-reconciler;AUTO_SERVER=TRUE",
                    "sa", "");
        }

        /**
         * H2 keeps the last commits in memory for up to 500 ms, and a kill within that time loses
         * them: the next run then redoes what they did, or starts afresh when the kill came that
         * early after the start (the product only needs a mail's record to be written before the
         * mail goes, and writes it then). On a fast machine the kill comes within that time, so
         * without this the run id resumed would depend on the machine.
         */
        @Override
        public void flushed(Path data) throws SQLException {
            try (Connection c = connect(data); Statement s = c.createStatement()) {
                s.execute("CHECKPOINT");
            }
        }

        @Override
        public String tables() {
            return "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_NAME LIKE 'LR\\_%'";
        }
    }
}
