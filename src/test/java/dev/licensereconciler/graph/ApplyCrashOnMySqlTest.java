package dev.licensereconciler.graph;

import dev.licensereconciler.support.MariaDb;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

/** The crash-and-resume seeds (one database, a job per seed) of {@link ApplyCrashTest} on MariaDB through the MySQL migrations. */
class ApplyCrashOnMySqlTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {3, 7, 11, 19, 23})
    void resumedApplySendsEveryRequestExactlyOnceOnMySql(int seed) throws Exception {
        try (ApplyFixture f = new ApplyFixture(dir, MariaDb.url("graph_apply"), "root", "", "mysql")) {
            ApplyCrashTest.crashAndResume(f, seed);
        }
    }
}
