package dev.licensereconciler.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed command line (§8). Parsed before Spring starts, so a typo costs no database start-up
 * and always ends with exit status 2 and the usage text.
 */
public record Invocation(Command command, String job, Path input, Path output, Path jobsDir, Integer maxUnassign,
                         boolean recover, boolean forceNew, List<String> springArgs, List<String> toolArgs,
                         Path requests) {

    public enum Command { RUN, JOBS, SERVE, GENERATE, HELP }

    public static final String USAGE = """
            Usage:
              license-reconciler run <job name | path to a job .yml> [--input DIR] [--output DIR]
                                 [--requests FILE] [--max-unassign N] [--recover] [--new] [--jobs DIR]
              license-reconciler jobs [--jobs DIR]      list jobs, their schedules and next fire times
              license-reconciler serve [--jobs DIR]     run the scheduler: fires every job that has a cron
              license-reconciler generate --users N --out DIR [--seed S]   write a synthetic tenant
              license-reconciler help

            --requests names the requests file of a bulk-import job (any file; default: the job's).
            run resumes the job's last run when that one failed on the same inputs; --new starts afresh,
            --recover resumes a run whose process was killed. --max-unassign raises the accidental-removal
            guard for this run. Spring properties can be given as --spring.x=y (e.g. --spring.profiles.active=mysql).

            Exit status: 0 all clean, 3 completed with reported problems, 1 the run failed (nothing published),
            2 bad command line.""";

    /** A command line that cannot be understood. */
    public static class UsageException extends Exception {
        public UsageException(String message) {
            super(message);
        }
    }

    public static Invocation parse(String... args) throws UsageException {
        List<String> spring = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        for (String a : args) {
            if (a.startsWith("--spring.") || a.startsWith("--logging.") || a.startsWith("--license-reconciler.")) {
                spring.add(a);
            } else {
                rest.add(a);
            }
        }
        if (rest.isEmpty()) {
            throw new UsageException("No command given.");
        }
        Command command = switch (rest.get(0)) {
            case "run" -> Command.RUN;
            case "jobs" -> Command.JOBS;
            case "serve" -> Command.SERVE;
            case "generate" -> Command.GENERATE;
            case "help", "--help", "-h" -> Command.HELP;
            default -> throw new UsageException("Unknown command '" + rest.get(0) + "'.");
        };
        if (command == Command.GENERATE) {
            return new Invocation(command, null, null, null, null, null, false, false, spring,
                    List.copyOf(rest.subList(1, rest.size())), null);
        }
        String job = null;
        Path input = null;
        Path output = null;
        Path jobsDir = null;
        Path requests = null;
        Integer maxUnassign = null;
        boolean recover = false;
        boolean forceNew = false;
        for (int i = 1; i < rest.size(); i++) {
            String a = rest.get(i);
            String option = a.contains("=") && a.startsWith("--") ? a.substring(0, a.indexOf('=')) : a;
            String inlineValue = a.contains("=") && a.startsWith("--") ? a.substring(a.indexOf('=') + 1) : null;
            switch (option) {
                case "--input", "--output", "--jobs", "--requests", "--max-unassign" -> {
                    String value = inlineValue;
                    if (value == null) {
                        if (i + 1 >= rest.size()) {
                            throw new UsageException(option + " needs a value.");
                        }
                        value = rest.get(++i);
                    }
                    switch (option) {
                        case "--input" -> input = Path.of(value);
                        case "--output" -> output = Path.of(value);
                        case "--jobs" -> jobsDir = Path.of(value);
                        case "--requests" -> requests = Path.of(value);
                        default -> {
                            try {
                                maxUnassign = Integer.valueOf(value);
                            } catch (NumberFormatException e) {
                                throw new UsageException("--max-unassign needs a whole number, not '" + value + "'.");
                            }
                            if (maxUnassign < 0) {
                                throw new UsageException("--max-unassign cannot be negative.");
                            }
                        }
                    }
                }
                case "--recover" -> recover = true;
                case "--new" -> forceNew = true;
                default -> {
                    if (a.startsWith("-")) {
                        throw new UsageException("Unknown option '" + a + "'.");
                    }
                    if (command != Command.RUN || job != null) {
                        throw new UsageException("Unexpected argument '" + a + "'.");
                    }
                    job = a;
                }
            }
        }
        if (command == Command.RUN && job == null) {
            throw new UsageException("run needs a job name or the path to a job file.");
        }
        if (command != Command.RUN && (input != null || output != null || requests != null || maxUnassign != null
                || recover || forceNew)) {
            throw new UsageException("--input, --output, --requests, --max-unassign, --recover and --new go with run only.");
        }
        if (recover && forceNew) {
            throw new UsageException("--recover resumes the last run and --new starts another: choose one.");
        }
        return new Invocation(command, job, input, output, jobsDir, maxUnassign, recover, forceNew, spring, List.of(),
                requests);
    }
}
