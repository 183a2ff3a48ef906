package dev.licensereconciler.job;

import dev.licensereconciler.support.CommandLineRuns;
import dev.licensereconciler.cli.Commands;
import dev.licensereconciler.support.ConsoleCapture;
import dev.licensereconciler.support.TenantFolders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** An invalid job file in jobs/ stops only itself: `run` of another job by name still works. */
class InvalidJobFileCommandLineTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    private int run(String... args) {
        return CommandLineRuns.execute(dir.resolve("db"), args);
    }

    @Test
    void runOfAValidJobWorksBesideAnInvalidFileAndTheInvalidJobSaysWhy() throws IOException {
        Path input = TenantFolders.example("basic").resolve("input");
        Path jobs = Files.createDirectories(dir.resolve("jobs"));
        Files.writeString(jobs.resolve("example.yml"), """
                name: example
                input: %s
                servicePlanRules: %s
                output: %s
                """.formatted(input, input.resolve("service-plan-rules.csv"), dir.resolve("out")));
        Files.writeString(jobs.resolve("broken.yml"), "name: broken\ninput: x\npolicies:\n  maxUnasign: 10\n");

        int good = run("run", "example", "--jobs", jobs.toString());
        int broken = run("run", "broken", "--jobs", jobs.toString());

        assertThat(good).as(console.err()).isEqualTo(Commands.PROBLEMS);
        assertThat(console.out()).contains("example run ").contains("Shortfall: 3 licenses to buy");
        assertThat(dir.resolve("out/example")).isDirectory();
        assertThat(broken).isEqualTo(Commands.FAILED);
        assertThat(console.err()).contains("Job file problem: " + jobs.resolve("broken.yml").toAbsolutePath()
                + ": line 4: unknown key 'policies.maxUnasign'.");
    }
}
