package dev.licensereconciler.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunFolderPublisherTest {

    @TempDir
    Path output;

    @Test
    void publishesTheCompleteFolderUnderJobAndRunId() throws Exception {
        RunFolderPublisher publisher = new RunFolderPublisher(output);

        Path published = publisher.publish("nightly", "20261123-0200", dir -> {
            Files.writeString(dir.resolve("actions.csv"), "batch\n");
            Files.writeString(dir.resolve("results.csv"), "user\n");
        });

        assertThat(published).isEqualTo(output.resolve("nightly/20261123-0200"));
        assertThat(published.resolve("actions.csv")).hasContent("batch");
        assertThat(published.resolve("results.csv")).hasContent("user");
        assertThat(entries(output.resolve("nightly"))).containsExactly("20261123-0200");
    }

    @Test
    void publishesAllReportsOfARunTogether() throws Exception {
        RunFolderPublisher publisher = new RunFolderPublisher(output);
        RunInfo run = new RunInfo("nightly", "r1", Instant.EPOCH, Instant.EPOCH);

        Path published = publisher.publish("nightly", "r1", dir -> new RunReportWriter().write(dir, run,
                HtmlSummaryWriterTest.example(), HtmlSummaryWriterTest.inputProblems()));

        assertThat(entries(published))
                .containsExactly("actions.csv", "errors.csv", "results.csv", "shortfall.csv", "summary.html");
        assertThat(Files.readAllBytes(published.resolve("shortfall.csv"))).isEqualTo(ExampleFiles.bytes("shortfall.csv"));
        assertThat(Files.readAllLines(published.resolve("errors.csv"))).hasSize(11);
    }

    @Test
    void whileWritingOnlyTheHiddenPartialFolderExists() throws Exception {
        RunFolderPublisher publisher = new RunFolderPublisher(output);

        publisher.publish("nightly", "r1", dir -> {
            assertThat(entries(output.resolve("nightly"))).containsExactly(".r1.partial");
            assertThat(output.resolve("nightly/r1")).doesNotExist();
        });
    }

    @Test
    void aFailureMidWriteLeavesNothingVisible() throws Exception {
        RunFolderPublisher publisher = new RunFolderPublisher(output);

        assertThatThrownBy(() -> publisher.publish("nightly", "r1", dir -> {
            Files.writeString(dir.resolve("actions.csv"), "batch\n");
            throw new IOException("disk full");
        })).hasMessage("disk full");

        assertThat(entries(output.resolve("nightly"))).isEmpty();
    }

    @Test
    void aFailingMoveRemovesThePartialFolder() throws Exception {
        RunFolderPublisher publisher = new RunFolderPublisher(output);
        Files.createDirectories(output.resolve("nightly"));
        // A stray file where the run folder should go makes the rename fail.
        Files.writeString(output.resolve("nightly/r1"), "in the way");

        assertThatThrownBy(() -> publisher.publish("nightly", "r1",
                dir -> Files.writeString(dir.resolve("actions.csv"), "batch\n"))).isInstanceOf(IOException.class);

        assertThat(entries(output.resolve("nightly"))).containsExactly("r1");
        assertThat(output.resolve("nightly/r1")).isRegularFile().hasContent("in the way");
    }

    @Test
    void publishingAnAlreadyPublishedRunIsIdempotent() throws Exception {
        RunFolderPublisher publisher = new RunFolderPublisher(output);
        publisher.publish("nightly", "r1", dir -> Files.writeString(dir.resolve("actions.csv"), "first\n"));

        Path again = publisher.publish("nightly", "r1",
                dir -> Files.writeString(dir.resolve("actions.csv"), "second\n"));

        assertThat(again).isEqualTo(output.resolve("nightly/r1"));
        assertThat(again.resolve("actions.csv")).hasContent("first");
        assertThat(entries(output.resolve("nightly"))).containsExactly("r1");
    }

    @Test
    void aRestartClearsLeftoversOfACrashedAttemptAndCommitsOnce() throws Exception {
        RunFolderPublisher publisher = new RunFolderPublisher(output);
        Path crashed = publisher.begin("nightly", "r1");
        Files.writeString(crashed.resolve("stale.csv"), "half\n");

        Path partial = publisher.begin("nightly", "r1");
        Files.writeString(partial.resolve("actions.csv"), "batch\n");
        Path published = publisher.commit("nightly", "r1");
        Path recommitted = publisher.commit("nightly", "r1");

        assertThat(entries(published)).containsExactly("actions.csv");
        assertThat(recommitted).isEqualTo(published);
        assertThat(entries(output.resolve("nightly"))).containsExactly("r1");
    }

    @Test
    void discardRemovesOnlyThePartialFolder() throws Exception {
        RunFolderPublisher publisher = new RunFolderPublisher(output);
        publisher.publish("nightly", "r1", dir -> Files.writeString(dir.resolve("a.csv"), "x\n"));
        publisher.begin("nightly", "r2");

        publisher.discard("nightly", "r2");
        publisher.discard("nightly", "r1");

        assertThat(entries(output.resolve("nightly"))).containsExactly("r1");
    }

    @Test
    void refusesNamesThatWouldEscapeTheOutputFolder() {
        RunFolderPublisher publisher = new RunFolderPublisher(output);

        for (String bad : new String[] {"../etc", "a/b", ".hidden", "", "a..b"}) {
            assertThatThrownBy(() -> publisher.begin("nightly", bad)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> publisher.begin(bad, "r1")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static List<String> entries(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
