package dev.licensereconciler.benchmark;

import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.RFC4180ParserBuilder;
import dev.licensereconciler.cli.LicenseReconcilerCommand;
import dev.licensereconciler.job.HistorySettings;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The scale benchmark (not a test): for each size it generates a seeded tenant, measures how long
 * opencsv alone needs to parse its files (the floor the job cannot beat), then runs the real
 * nightly job on them, each in a fresh JVM with the same heap limit, and prints per phase and in
 * total: rows, wall time, rows per second, peak heap and peak RSS. See docs/BENCHMARK.md. Test code,
 * not part of the product: {@code bench/run.sh} builds {@code target/license-reconciler-benchmark.jar}
 * (profile {@code benchmark}) and runs it on the product jar's class path:
 *
 * <pre>
 * java -cp target/license-reconciler.jar -Dloader.path=target/license-reconciler-benchmark.jar \
 *      -Dloader.main=dev.licensereconciler.benchmark.Benchmark \
 *      org.springframework.boot.loader.launch.PropertiesLauncher [--sizes 100000,250000,1000000]
 *      [--xmx 1g] [--seed 42] [--work target/benchmark] [--keep] [--jar JAR] [--jvm-opt -XX:+UseParallelGC ...]
 *      [--runs 3 --keep-runs 1]
 *      [--mysql-url jdbc:mysql://host:3306/db_{users} --mysql-user U --mysql-password P]
 *      [--license-reconciler.chunk-size=N ...]
 * </pre>
 */
public final class Benchmark {

    static final String RESULT_PREFIX = "BENCH-RESULT ";

    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("floor")) {
            System.exit(floor(Path.of(args[1])));
        }
        if (args.length > 0 && args[0].equals("job")) {
            System.exit(MonitoredRun.run(args[1], Arrays.copyOfRange(args, 2, args.length)));
        }
        System.exit(new Orchestrator(Options.parse(args), System.out).runAll());
    }

    /** Child mode: parse every CSV of the folder with opencsv's RFC 4180 parser, as the job's reader does. */
    static int floor(Path dir) throws IOException {
        Memory memory = Memory.start();
        memory.sample();
        long start = System.currentTimeMillis();
        long t0 = System.nanoTime();
        long rows = 0;
        long cells = 0;
        for (Path file : csvFiles(dir)) {
            try (var in = Files.newInputStream(file);
                 BufferedReader text = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 64 * 1024);
                 CSVReader csv = new CSVReaderBuilder(text)
                         .withCSVParser(new RFC4180ParserBuilder().withSeparator(',').build()).build()) {
                boolean header = true;
                for (String[] record : csv) {
                    if (header) {
                        header = false;
                        continue;
                    }
                    rows++;
                    cells += record.length;
                }
            }
        }
        long nanos = System.nanoTime() - t0;
        memory.sample();
        long end = System.currentTimeMillis();
        long cpu = memory.cpuNanos(start, end);
        Memory.Peak peak = memory.peak(start, end);
        memory.stop();
        System.out.println(RESULT_PREFIX + "phase=parse-only rows=" + rows + " nanos=" + nanos + " heap="
                + peak.heapBytes() + " rss=" + peak.rssBytes() + " live=" + peak.liveBytes() + " cpu=" + cpu + " cells=" + cells);
        return 0;
    }

    static List<Path> csvFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().toList();
        }
    }

    /** Command-line options of the orchestrating process. */
    record Options(List<Integer> sizes, String xmx, long seed, Path work, boolean keep, String mysqlUrl,
                   String mysqlUser, String mysqlPassword, String jar, List<String> jvmOptions,
                   List<String> passThrough, int runs, Integer keepRuns) {

        /** The job file's {@code history} section, or none (the product's defaults) without {@code --keep-runs}. */
        String historySection() {
            return keepRuns == null ? "" : "history:\n  keepRuns: " + keepRuns + "\n  keepDays: 0\n";
        }

        /** The history setting in words, for the tables. */
        String historyText() {
            return keepRuns == null ? "the product's defaults (keepRuns " + HistorySettings.DEFAULT_KEEP_RUNS + ", keepDays "
                    + HistorySettings.DEFAULT_KEEP_DAYS + ")" : "keepRuns " + keepRuns + ", keepDays 0";
        }

        int effectiveKeepRuns() {
            return keepRuns == null ? HistorySettings.DEFAULT_KEEP_RUNS : keepRuns;
        }

        static Options parse(String[] args) {
            List<Integer> sizes = List.of(100_000, 250_000, 1_000_000);
            String xmx = "1g";
            long seed = 42;
            Path work = Path.of("target", "benchmark");
            boolean keep = false;
            String url = null;
            String user = "root";
            String password = "";
            String jar = null;
            List<String> jvm = new ArrayList<>();
            List<String> pass = new ArrayList<>();
            int runs = 1;
            Integer keepRuns = null;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--sizes" -> sizes = Stream.of(args[++i].split(",")).map(String::trim)
                            .map(v -> (int) parseCount(v)).toList();
                    case "--xmx" -> xmx = args[++i];
                    case "--seed" -> seed = Long.parseLong(args[++i]);
                    case "--work" -> work = Path.of(args[++i]);
                    case "--keep" -> keep = true;
                    case "--mysql-url" -> url = args[++i];
                    case "--mysql-user" -> user = args[++i];
                    case "--mysql-password" -> password = args[++i];
                    case "--jar" -> jar = args[++i];
                    case "--jvm-opt" -> jvm.add(args[++i]);
                    case "--runs" -> runs = atLeast(a, args[++i], 1);
                    case "--keep-runs" -> keepRuns = atLeast(a, args[++i], 0);
                    default -> {
                        if (LicenseReconcilerCommand.isSpringProperty(a)) {
                            pass.add(a);
                        } else {
                            throw new IllegalArgumentException("unknown option " + a);
                        }
                    }
                }
            }
            return new Options(sizes, xmx, seed, work, keep, url, user, password, jar, List.copyOf(jvm), List.copyOf(pass),
                    runs, keepRuns);
        }

        private static int atLeast(String option, String value, int least) {
            int n;
            try {
                n = Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " " + value + ": give a whole number of at least " + least);
            }
            if (n < least) {
                throw new IllegalArgumentException(option + " " + value + ": give a whole number of at least " + least);
            }
            return n;
        }

        static long parseCount(String v) {
            String s = v.toLowerCase(Locale.ROOT).replace("_", "");
            if (s.endsWith("m")) {
                return Long.parseLong(s.substring(0, s.length() - 1)) * 1_000_000;
            }
            if (s.endsWith("k")) {
                return Long.parseLong(s.substring(0, s.length() - 1)) * 1_000;
            }
            return Long.parseLong(s);
        }
    }

    /** One measured phase, as a child reported it. */
    record Phase(String name, long rows, long nanos, long heapBytes, long rssBytes, long cpuNanos, long liveBytes) {
        double seconds() {
            return nanos / 1e9;
        }

        long rowsPerSecond() {
            return nanos == 0 ? 0 : Math.round(rows / seconds());
        }
    }

    static Map<String, String> fields(String line) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String part : line.substring(RESULT_PREFIX.length()).trim().split(" ")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                m.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return m;
    }

    static Phase phase(Map<String, String> f) {
        return new Phase(f.get("phase"), Long.parseLong(f.getOrDefault("rows", "0")),
                Long.parseLong(f.getOrDefault("nanos", "0")), Long.parseLong(f.getOrDefault("heap", "0")),
                Long.parseLong(f.getOrDefault("rss", "0")), Long.parseLong(f.getOrDefault("cpu", "0")),
                Long.parseLong(f.getOrDefault("live", "0")));
    }

    static void printTable(PrintStream out, String title, List<Phase> phases) {
        out.println(title);
        out.printf("  %-22s %12s %10s %12s %10s %10s %10s %10s%n", "phase", "rows", "wall s", "rows/s", "heap MB",
                "live MB", "RSS MB", "CPU s");
        for (Phase p : phases) {
            out.printf(Locale.ROOT, "  %-22s %12d %10.1f %12d %10d %10d %10d %10.1f%n", p.name(), p.rows(), p.seconds(),
                    p.rowsPerSecond(), p.heapBytes() >> 20, p.liveBytes() >> 20, p.rssBytes() >> 20, p.cpuNanos() / 1e9);
        }
    }

    static long sizeOf(Path dir) throws IOException {
        long total = 0;
        for (Path p : csvFiles(dir)) {
            total += Files.size(p);
        }
        return total;
    }

    /** Bytes of every file under a folder (a database's data folder), 0 when it does not exist. */
    static long folderBytes(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            long total = 0;
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                total += Files.size(p);
            }
            return total;
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
