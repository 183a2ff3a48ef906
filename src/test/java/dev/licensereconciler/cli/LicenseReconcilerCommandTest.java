package dev.licensereconciler.cli;

import dev.licensereconciler.support.ConsoleCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.ParseResult;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line's parsing, help and mistakes, without Spring: a bad command line never starts
 * the application (the starter here fails the test if it is called).
 */
class LicenseReconcilerCommandTest {

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @TempDir
    Path dir;

    private static final ApplicationStarter MUST_NOT_START = springArgs -> {
        throw new AssertionError("Spring must not start for this command line");
    };

    private int execute(String... args) {
        return LicenseReconcilerCommand.execute(MUST_NOT_START, args);
    }

    @Test
    void runTakesAJobAndItsOptionsInAnyOrder() {
        ParseResult parsed = LicenseReconcilerCommand.commandLine(MUST_NOT_START, List.of()).parseArgs("run", "--output", "o",
                "nightly-reconciliation", "--input=in", "--max-unassign", "900", "--jobs", "j", "--new");

        RunRequest request = ((RunCommand) parsed.subcommand().commandSpec().userObject()).request();
        assertThat(request).isEqualTo(new RunRequest("nightly-reconciliation", Path.of("j"), Path.of("in"), Path.of("o"),
                null, 900, false, true));
    }

    @Test
    void springPropertiesGoToSpringAsTheyAreAndTheRestToTheCommand() {
        List<String> given = new ArrayList<>();
        ApplicationStarter starter = springArgs -> {
            given.addAll(List.of(springArgs));
            throw new IllegalStateException("no database here");
        };

        int status = LicenseReconcilerCommand.execute(starter, "run", "--spring.profiles.active=mysql", "nightly",
                "--license-reconciler.data-dir=/tmp/x", "--logging.level.root=ERROR");

        assertThat(given).containsExactly("--spring.profiles.active=mysql", "--license-reconciler.data-dir=/tmp/x",
                "--logging.level.root=ERROR");
        assertThat(status).isEqualTo(Commands.FAILED);
        assertThat(console.err()).contains("Could not start: no database here");
    }

    @Test
    void mistakesExitTwoWithAMessageThatSaysWhatAndTheUsage() {
        assertUsageError(List.of(), "No command given.");
        assertUsageError(List.of("launch"), "Unknown command 'launch'.");
        assertUsageError(List.of("run"), "run needs a job name or the path to a job file.");
        assertUsageError(List.of("run", "a", "b"), "Unexpected argument 'b'.");
        assertUsageError(List.of("run", "a", "--input"), "--input needs a value.");
        assertUsageError(List.of("run", "a", "--max-unassign", "many"), "--max-unassign needs a whole number, not 'many'.");
        assertUsageError(List.of("run", "a", "--max-unassign=-5"), "--max-unassign cannot be negative.");
        assertUsageError(List.of("run", "a", "--verbose"), "Unknown option '--verbose'.");
        assertUsageError(List.of("jobs", "--input", "x"),
                "--input, --output, --requests, --max-unassign, --recover and --new go with run only.");
        assertUsageError(List.of("run", "a", "--new", "--recover"),
                "--recover resumes the last run and --new starts another: choose one.");
        assertUsageError(List.of("generate", "--out", "x"), "Missing required option: '--users=N'");
        assertUsageError(List.of("generate", "--users", "0", "--out", "x"), "--users needs a number of at least 1.");
    }

    @Test
    void aBadOptionIsNamedAndFollowedByTheUsageOfItsCommand() {
        int status = execute("run", "nightly-reconciliation", "--max-unasign", "900");

        assertThat(status).isEqualTo(2);
        assertThat(console.err()).startsWith("Unknown option '--max-unasign'.")
                .contains("--max-unassign") // picocli's suggestion
                .contains("Usage: license-reconciler run").contains("--requests=FILE");
        assertThat(console.out()).isEmpty();
    }

    @Test
    void everyCommandHasItsOwnHelp() {
        assertHelp(List.of("run", "--help"), "Usage: license-reconciler run", "<job name | path to a job .yml>", "--input=DIR",
                "--output=DIR", "--requests=FILE", "--max-unassign=N", "--recover", "--new", "--jobs=DIR", "Exit status: 0");
        assertHelp(List.of("help", "run"), "Usage: license-reconciler run", "--max-unassign=N");
        assertHelp(List.of("jobs", "-h"), "Usage: license-reconciler jobs", "--jobs=DIR", "next fire times");
        assertHelp(List.of("help", "serve"), "Usage: license-reconciler serve", "--jobs=DIR", "scheduler");
        assertHelp(List.of("generate", "--help"), "Usage: license-reconciler generate", "--users=N", "--out=DIR", "--seed=S",
                "default: 42");
    }

    @Test
    void helpListsEveryCommand() {
        for (List<String> help : List.of(List.of("help"), List.of("--help"), List.of("-h"))) {
            String printed = printedBy(help);
            assertThat(printed).contains("Usage: license-reconciler").contains("--spring.x=y").contains("Exit status: 0");
            for (String command : LicenseReconcilerCommand.commandLine(MUST_NOT_START, List.of()).getSubcommands().keySet()) {
                assertThat(printed).as(String.join(" ", help)).containsPattern("(?m)^  " + command + " ");
            }
        }
    }

    @Test
    void generateWritesATenantWithoutStartingSpring() {
        Path out = dir.resolve("tenant");

        int status = execute("generate", "--users", "1_000", "--out", out.toString(), "--seed", "3");

        assertThat(status).as(console.err()).isZero();
        assertThat(console.out()).startsWith("1000 users, ").contains(" written to " + out.toAbsolutePath());
        for (String f : List.of("users.csv", "group-memberships.csv", "group-licenses.csv", "assignments.csv", "purchases.csv")) {
            assertThat(out.resolve(f)).exists();
        }
    }

    @Test
    void generateThatCannotWriteFailsWithExitOne() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "not a folder");

        assertThat(execute("generate", "--users", "5", "--out", file.toString())).isEqualTo(1);
        assertThat(console.err()).contains("error: cannot write " + file);
    }

    private void assertUsageError(List<String> args, String message) {
        int out = console.out().length();
        int err = console.err().length();
        assertThat(execute(args.toArray(String[]::new))).as(String.join(" ", args)).isEqualTo(2);
        assertThat(console.err().substring(err)).as(String.join(" ", args)).startsWith(message)
                .contains("Usage: license-reconciler");
        assertThat(console.out().substring(out)).isEmpty();
    }

    private void assertHelp(List<String> args, String... expected) {
        assertThat(printedBy(args)).as(String.join(" ", args)).contains(expected);
    }

    /** What the command line printed on standard output; it must exit 0. */
    private String printedBy(List<String> args) {
        int out = console.out().length();
        assertThat(execute(args.toArray(String[]::new))).as(String.join(" ", args) + ": " + console.err()).isZero();
        return console.out().substring(out);
    }

}
