package dev.licensereconciler.benchmark;

import dev.licensereconciler.generator.TenantGenerator;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** The benchmark's driving process: generates, starts the measured child JVMs one after another, prints tables. */
final class Orchestrator {

    /**
     * Figures of one size: the phases of the first run on each database (a fresh one, as the scale
     * figures have always been taken), and the series of all runs with their database figures.
     */
    record SizeResult(int users, long inputRows, long inputBytes, double generateSeconds, Benchmark.Phase floor,
                      List<Benchmark.Phase> h2, List<Benchmark.Phase> mysql, List<HistorySeries> series) {
    }

    /** What one child JVM reported: its phases and, for a job, the database's figures after it (else null). */
    record ChildOutput(List<Benchmark.Phase> phases, DatabaseFigures database) {
    }

    /** The runs of one database: their series and the first run's phases. */
    private record Series(List<Benchmark.Phase> firstRun, HistorySeries history) {
    }

    static final String JOB_NAME = "bench-nightly";
    static final String PURGE = "purge (history)";

    private final Benchmark.Options options;
    private final PrintStream out;

    Orchestrator(Benchmark.Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    int runAll() throws Exception {
        Files.createDirectories(options.work());
        out.printf("license-reconciler benchmark: sizes %s, -Xmx%s %s, seed %d, %d CPUs, Java %s, work dir %s%n",
                options.sizes(), options.xmx(), String.join(" ", options.jvmOptions()), options.seed(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), options.work().toAbsolutePath());
        out.printf("runs per size and database: %d, history: %s%n", options.runs(), options.historyText());
        List<SizeResult> results = new ArrayList<>();
        for (int users : options.sizes()) {
            results.add(runSize(users));
        }
        summary(results);
        return 0;
    }

    private SizeResult runSize(int users) throws Exception {
        Path tenant = options.work().resolve("tenant-" + users);
        out.printf("%n=== %,d users === (load average before: %.1f)%n", users, loadAverage());
        Benchmark.deleteTree(tenant);
        long g0 = System.nanoTime();
        new TenantGenerator(options.seed()).write(tenant, users);
        double generateSeconds = (System.nanoTime() - g0) / 1e9;
        long bytes = Benchmark.sizeOf(tenant);
        out.printf("generated %s: %.1f MB in %.1f s%n", tenant, bytes / 1e6, generateSeconds);

        out.println("--- parse only (opencsv RFC 4180 parser, fresh JVM) ---");
        List<Benchmark.Phase> floorPhases = child(List.of("floor", tenant.toString()), Map.of()).phases();
        Benchmark.Phase floor = floorPhases.get(0);
        Benchmark.printTable(out, "parse-only floor:", floorPhases);

        Series h2 = job(users, tenant, "h2", List.of(), Map.of(), floor.rows());
        List<Benchmark.Phase> mysql = List.of();
        List<HistorySeries> series = new ArrayList<>(List.of(h2.history()));
        if (options.mysqlUrl() != null) {
            Series my = job(users, tenant, "mysql", List.of("--spring.profiles.active=mysql"),
                    Map.of("LICENSE_RECONCILER_DB_URL", options.mysqlUrl().replace("{users}", Integer.toString(users)),
                            "LICENSE_RECONCILER_DB_USER", options.mysqlUser(),
                            "LICENSE_RECONCILER_DB_PASSWORD", options.mysqlPassword()), floor.rows());
            mysql = my.firstRun();
            series.add(my.history());
        }
        if (!options.keep()) {
            Benchmark.deleteTree(tenant);
        }
        return new SizeResult(users, floor.rows(), bytes, generateSeconds, floor, h2.firstRun(), mysql, List.copyOf(series));
    }

    /**
     * {@code --runs} runs of the nightly job one after another, each in a fresh JVM as a nightly
     * run would be, on one database (emptied before the first) and one output folder, with the
     * job's {@code history} from {@code --keep-runs}; after each the database's figures.
     */
    private Series job(int users, Path tenant, String db, List<String> extra, Map<String, String> env,
                       long inputRows) throws Exception {
        Path data = options.work().resolve("data-" + db + "-" + users);
        Path output = options.work().resolve("out-" + db + "-" + users);
        Benchmark.deleteTree(data);
        Benchmark.deleteTree(output);
        Path jobFile = options.work().resolve("bench-nightly-" + users + ".yml");
        Files.writeString(jobFile, jobFile(tenant, output, options.historySection()));
        List<String> args = new ArrayList<>(List.of("job", JOB_NAME, "run", jobFile.toString(), "--new",
                "--license-reconciler.data-dir=" + data.toAbsolutePath()));
        args.addAll(extra);
        args.addAll(options.passThrough());
        String title = String.format(Locale.ROOT, "%,d users on %s", users, db);
        HistorySeries history = new HistorySeries(title, options.historyText(), options.effectiveKeepRuns());
        List<Benchmark.Phase> first = null;
        for (int run = 1; run <= options.runs(); run++) {
            double load = loadAverage();
            out.printf(Locale.ROOT, "--- nightly job on %s (fresh JVM, -Xmx%s), run %d of %d (load average before: %.1f) ---%n",
                    db, options.xmx(), run, options.runs(), load);
            ChildOutput child = child(args, env);
            List<Benchmark.Phase> phases = aggregate(child.phases(), inputRows);
            Benchmark.printTable(out, "nightly job on " + title + ", run " + run + ":", phases);
            // H2's file is measured once the child has closed it; MySQL's figures came from the server.
            DatabaseFigures figures = db.equals("h2") ? child.database().withDiskBytes(Benchmark.folderBytes(data))
                    : child.database();
            HistorySeries.Run done = history.add(load, find(phases, "total (job)").seconds(),
                    findOptional(phases, PURGE).map(Benchmark.Phase::seconds).orElse(0.0), figures,
                    runFolders(output.resolve(JOB_NAME)));
            history.printRun(out, done, options.runs());
            if (first == null) {
                first = phases;
            }
        }
        Benchmark.deleteTree(data);
        Benchmark.deleteTree(output);
        return new Series(first, history);
    }

    /** The benchmark's job: everything planned, nothing mailed; {@code history} as given (may be empty). */
    static String jobFile(Path tenant, Path output, String historySection) {
        return """
                name: %s
                type: reconcile
                input: %s
                catalog: builtin
                servicePlanRules: builtin
                output: %s
                batchSize: 20
                policies:
                  guests: deny
                  blockedAccounts: deny
                  defaultUsageLocation: NL
                  reclaim: none
                  maxUnassign: 1000000000
                mail:
                  enabled: false
                """.formatted(JOB_NAME, tenant.toAbsolutePath(), output.toAbsolutePath()) + historySection;
    }

    /** Run folders the job's output folder holds (one per run kept with its folder). */
    static int runFolders(Path jobOutput) throws IOException {
        if (!Files.isDirectory(jobOutput)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(jobOutput)) {
            return (int) s.filter(Files::isDirectory).count();
        }
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /**
     * read (input rows), reconcile (users), store (the parallel store steps as one), publish (+ notify),
     * purge (the history purge step; its rows column is 0, the rows it removed are counted in the database), job, process.
     */
    static List<Benchmark.Phase> aggregate(List<Benchmark.Phase> raw, long inputRows) {
        List<Benchmark.Phase> result = new ArrayList<>();
        Benchmark.Phase publish = null;
        Benchmark.Phase purge = null;
        List<Benchmark.Phase> storeSteps = new ArrayList<>();
        for (Benchmark.Phase p : raw) {
            if (p.name().startsWith("store-")) {
                storeSteps.add(new Benchmark.Phase("  " + p.name(), p.rows(), p.nanos(), 0, 0, 0, 0));
            }
        }
        for (Benchmark.Phase p : raw) {
            switch (p.name()) {
                case "read" -> result.add(new Benchmark.Phase("read+parse", inputRows, p.nanos(), p.heapBytes(),
                        p.rssBytes(), p.cpuNanos(), p.liveBytes()));
                case "reconcile" -> result.add(p);
                case "compute" -> result.add(new Benchmark.Phase("read+reconcile", inputRows, p.nanos(), p.heapBytes(),
                        p.rssBytes(), p.cpuNanos(), p.liveBytes()));
                case "store" -> {
                    result.add(new Benchmark.Phase("store (DB, parallel)", p.rows(), p.nanos(), p.heapBytes(),
                            p.rssBytes(), p.cpuNanos(), p.liveBytes()));
                    result.addAll(storeSteps);
                }
                case "publish", "notify" -> publish = merge("publish", publish, p);
                case HistorySeries.PURGE_STEP -> purge = new Benchmark.Phase(PURGE, p.rows(), p.nanos(), p.heapBytes(),
                        p.rssBytes(), p.cpuNanos(), p.liveBytes());
                default -> { }
            }
        }
        if (publish != null) {
            result.add(publish);
        }
        if (purge != null) {
            result.add(purge);
        }
        for (Benchmark.Phase p : raw) {
            if (p.name().equals("job")) {
                result.add(new Benchmark.Phase("total (job)", inputRows, p.nanos(), p.heapBytes(), p.rssBytes(), p.cpuNanos(), p.liveBytes()));
            } else if (p.name().equals("process")) {
                result.add(new Benchmark.Phase("total (JVM+Spring+job)", inputRows, p.nanos(), p.heapBytes(), p.rssBytes(), p.cpuNanos(), p.liveBytes()));
            }
        }
        return result;
    }

    private static Benchmark.Phase merge(String name, Benchmark.Phase a, Benchmark.Phase b) {
        if (a == null) {
            return new Benchmark.Phase(name, b.rows(), b.nanos(), b.heapBytes(), b.rssBytes(), b.cpuNanos(), b.liveBytes());
        }
        return new Benchmark.Phase(name, a.rows() + b.rows(), a.nanos() + b.nanos(), Math.max(a.heapBytes(), b.heapBytes()),
                Math.max(a.rssBytes(), b.rssBytes()), a.cpuNanos() + b.cpuNanos(),
                Math.max(a.liveBytes(), b.liveBytes()));
    }

    /** Runs a child JVM of this benchmark, echoes its output as progress and collects its result lines. */
    private ChildOutput child(List<String> args, Map<String, String> env) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("-Xmx" + options.xmx());
        cmd.addAll(options.jvmOptions());
        String cp = options.jar() != null ? options.jar() : System.getProperty("java.class.path");
        cmd.add("-cp");
        cmd.add(cp);
        if (cp.endsWith(".jar") && !cp.contains(File.pathSeparator)) {
            // The product's fat jar, with the benchmark's classes (not part of it) added to its class path.
            cmd.add("-Dloader.path=" + benchmarkClasses());
            cmd.add("-Dloader.main=" + Benchmark.class.getName());
            cmd.add("org.springframework.boot.loader.launch.PropertiesLauncher");
        } else {
            cmd.add(Benchmark.class.getName());
        }
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process process = pb.start();
        List<Benchmark.Phase> phases = new ArrayList<>();
        DatabaseFigures database = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith(Benchmark.RESULT_PREFIX)) {
                    phases.add(Benchmark.phase(Benchmark.fields(line)));
                } else if (line.startsWith(DatabaseFigures.PREFIX)) {
                    database = DatabaseFigures.parse(line);
                } else {
                    out.println("    | " + line);
                }
            }
        }
        int status = process.waitFor();
        if (status != 0 || phases.isEmpty() || (args.get(0).equals("job") && database == null)) {
            throw new IllegalStateException("benchmark child failed (exit " + status + "): " + String.join(" ", args));
        }
        return new ChildOutput(phases, database);
    }

    /** Where the benchmark's classes come from: the benchmark jar of bench/run.sh, or the test classes. */
    private static String benchmarkClasses() {
        String given = System.getProperty("loader.path");
        if (given != null) {
            return given;
        }
        try {
            return Path.of(Benchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the benchmark's classes", e);
        }
    }

    private void summary(List<SizeResult> results) {
        out.printf("%n=== summary (-Xmx%s, %d CPUs) ===%n", options.xmx(), Runtime.getRuntime().availableProcessors());
        boolean mysql = results.stream().anyMatch(r -> !r.mysql().isEmpty());
        out.printf("%10s %11s %8s %9s %9s %9s %9s %10s %9s %9s %9s%s%n", "users", "input rows", "MB", "parse s", "job s",
                "job/parse", "job CPU s", "process s", "heap MB", "live MB", "RSS MB", mysql ? String.format("%10s %8s", "MySQL s", "MySQL/H2") : "");
        SizeResult previous = null;
        for (SizeResult r : results) {
            Benchmark.Phase job = find(r.h2(), "total (job)");
            Benchmark.Phase process = find(r.h2(), "total (JVM+Spring+job)");
            String my = "";
            if (!r.mysql().isEmpty()) {
                Benchmark.Phase m = find(r.mysql(), "total (job)");
                my = String.format(Locale.ROOT, "%10.1f %8.2f", m.seconds(), m.seconds() / job.seconds());
            }
            out.printf(Locale.ROOT, "%,10d %,11d %8.0f %9.1f %9.1f %9.2f %9.1f %10.1f %9d %9d %9d%s%n", r.users(), r.inputRows(),
                    r.inputBytes() / 1e6, r.floor().seconds(), job.seconds(), job.seconds() / r.floor().seconds(),
                    job.cpuNanos() / 1e9, process.seconds(), process.heapBytes() >> 20, process.liveBytes() >> 20, process.rssBytes() >> 20, my);
            if (previous != null) {
                double userRatio = (double) r.users() / previous.users();
                double timeRatio = job.seconds() / find(previous.h2(), "total (job)").seconds();
                out.printf(Locale.ROOT, "%10s users x%.1f -> job time x%.2f (linear: x%.1f, target <= x%.2f)%n", "",
                        userRatio, timeRatio, userRatio, userRatio * 1.1);
            }
            previous = r;
        }
        if (options.runs() > 1) {
            for (SizeResult r : results) {
                r.series().forEach(series -> series.printSummary(out));
            }
        }
    }

    private static Benchmark.Phase find(List<Benchmark.Phase> phases, String name) {
        return findOptional(phases, name).orElseThrow();
    }

    private static Optional<Benchmark.Phase> findOptional(List<Benchmark.Phase> phases, String name) {
        return phases.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
