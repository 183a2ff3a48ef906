package dev.licensereconciler.cli;

import dev.licensereconciler.generator.TenantGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** The generator is plain Java: no database, no Spring start-up. */
@Command(name = "generate", description = {"Writes a synthetic tenant in the real export formats (users.csv, "
        + "group-memberships.csv, group-licenses.csv, assignments.csv, purchases.csv).",
    "The same seed gives the same files."})
final class GenerateCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    @Spec
    CommandSpec spec;

    @Option(names = "--users", paramLabel = "N", required = true, converter = WholeNumber.Positive.class,
            description = "How many users (1_000_000 may be written with '_').")
    int users;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "The folder to write (created if needed; "
            + "its tenant files are replaced).")
    Path out;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "The generator's seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        try {
            long t0 = System.nanoTime();
            TenantGenerator.Stats stats = new TenantGenerator(seed).write(out, users);
            stdout.printf(Locale.ROOT, "%d users, %d memberships, %d assignments written to %s in %d ms%n",
                    stats.users(), stats.memberships(), stats.assignments(), out.toAbsolutePath(),
                    (System.nanoTime() - t0) / 1_000_000);
            return Commands.CLEAN;
        } catch (IOException e) {
            spec.commandLine().getErr().println("error: cannot write " + out + ": " + e.getMessage());
            return Commands.FAILED;
        }
    }
}
