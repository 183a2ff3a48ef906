package dev.licensereconciler.batch;

import dev.licensereconciler.job.JobDefinition;
import dev.licensereconciler.job.JobFileLoader;
import dev.licensereconciler.support.TenantFolders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The published summary tells when the run started and how long it took up to publishing. */
@SpringBootTest(properties = {"license-reconciler.data-dir=./target/test-db/restart", "license-reconciler.chunk-size=4"})
class ReportPublisherTest {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    @Autowired
    RunLauncher launcher;
    @Autowired
    JobFileLoader loader;
    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path dir;

    @AfterEach
    void removeTrigger() {
        jdbc.execute("DROP TRIGGER IF EXISTS SLOW_RESULT_INSERT");
    }

    @Test
    void summaryShowsTheRunsStartAndItsDurationUpToPublishing() throws Exception {
        JobDefinition job = loader.load(TenantFolders.exampleJob(dir, "summary-times", ""));
        jdbc.execute("CREATE TRIGGER SLOW_RESULT_INSERT BEFORE INSERT ON LR_RESULT FOR EACH ROW CALL \""
                + SlowInsertTrigger.class.getName() + "\"");

        JobExecution execution = launcher.launch(job, RunLauncher.Options.defaults());

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        String summary = TenantFolders.read(dir.resolve("out/summary-times")
                .resolve(execution.getJobParameters().getString(RunParameters.RUN_ID)).resolve("summary.html"));
        String started = SHOWN.format(execution.getStartTime().atZone(ZoneId.systemDefault()));
        assertThat(summary).contains("started</dt><dd>" + started);
        Matcher duration = Pattern.compile("duration</dt><dd>(\\d+) s").matcher(summary);
        assertThat(duration.find()).as("summary shows a duration").isTrue();
        assertThat(Long.parseLong(duration.group(1))).as("seconds, the slow store step included")
                .isGreaterThanOrEqualTo(SlowInsertTrigger.PAUSE_MILLIS / 1000);
    }
}
