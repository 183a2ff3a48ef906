package dev.licensereconciler.batch;

import dev.licensereconciler.job.HistorySettings;
import dev.licensereconciler.job.JobDefinition;
import dev.licensereconciler.job.JobFileLoader;
import dev.licensereconciler.support.TenantFolders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job's {@code history} limits: after each run publishes, older runs lose their rows in every
 * per-run table, their run folder and Spring Batch's record of them, and nothing else goes. On H2
 * ({@link HistoryPurgeOnH2Test}) and MySQL ({@link HistoryPurgeOnMySqlTest}).
 */
abstract class HistoryPurgeScenarios {

    @Autowired
    RunLauncher launcher;
    @Autowired
    JobFileLoader loader;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    JobRepository jobRepository;
    @Autowired
    PlatformTransactionManager transactionManager;
    @Autowired
    HistoryPurge purge;

    @TempDir
    Path dir;

    /** Runs of the hundred-run scenario: the figure. */
    int manyRuns() {
        return 100;
    }

    @Test
    void aHundredRunsWithKeepRunsFiveLeaveFiveRunsRowsFoldersAndBatchRecords() throws Exception {
        String name = jobName("hundred");
        JobDefinition job = job(name, "history:\n  keepRuns: 5\n");
        List<String> runIds = new ArrayList<>();
        for (int i = 0; i < manyRuns(); i++) {
            runIds.add(run(job));
        }
        List<String> newest = runIds.subList(runIds.size() - 5, runIds.size());

        for (String table : RunTables.ALL) {
            assertThat(jdbc.queryForList("SELECT DISTINCT RUN_ID FROM " + table + " WHERE JOB_NAME = ?", String.class, name))
                    .as(table).isSubsetOf(newest);
        }
        assertThat(jdbc.queryForList("SELECT RUN_ID FROM LR_RUN WHERE JOB_NAME = ? ORDER BY RUN_ID", String.class, name))
                .isEqualTo(newest);
        for (String runId : newest) {
            // The kept runs are whole, as a clean run stores them.
            assertThat(count("LR_RESULT", name, runId)).as(runId).isEqualTo(count("LR_RESULT", name, newest.get(4)));
            assertThat(count("LR_ACTION", name, runId)).as(runId).isEqualTo(count("LR_ACTION", name, newest.get(4)));
        }
        assertThat(count("LR_RESULT", name, newest.get(0))).isPositive();
        assertThat(runFolders(name)).isEqualTo(newest);
        assertThat(batchRunIds(name)).containsExactlyInAnyOrderElementsOf(newest);
        // Spring Batch's tables hold nothing of the purged runs: no execution, step, parameter or context left behind.
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION E WHERE NOT EXISTS (SELECT 1 FROM "
                + "BATCH_JOB_INSTANCE I WHERE I.JOB_INSTANCE_ID = E.JOB_INSTANCE_ID)", Integer.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_STEP_EXECUTION S JOIN BATCH_JOB_EXECUTION E ON "
                + "E.JOB_EXECUTION_ID = S.JOB_EXECUTION_ID JOIN BATCH_JOB_INSTANCE I ON I.JOB_INSTANCE_ID = E.JOB_INSTANCE_ID "
                + "WHERE I.JOB_NAME = ?", Integer.class, name)).isEqualTo(5 * stepsPerRun(name, newest.get(4)));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_STEP_EXECUTION_CONTEXT C WHERE NOT EXISTS (SELECT 1 FROM "
                + "BATCH_STEP_EXECUTION S WHERE S.STEP_EXECUTION_ID = C.STEP_EXECUTION_ID)", Integer.class)).isZero();
        // The job's last run still reads as before.
        assertThat(launcher.lastRun(name)).contains(newest.get(4) + " COMPLETED");
    }

    @Test
    void keepDaysPurgesRunsOlderThanItButNeverTheLastPublishedRun() throws Exception {
        String name = jobName("days");
        JobDefinition job = job(name, "history:\n  keepRuns: 0\n  keepDays: 30\n");
        String old1 = run(job);
        String old2 = run(job);
        String recent = run(job);
        backdate(name, old1, 45);
        backdate(name, old2, 31);
        backdate(name, recent, 29);

        String current = run(job);

        assertThat(runIds(name)).containsExactly(recent, current);
        assertThat(runFolders(name)).containsExactly(recent, current);

        // All runs beyond the limit, and this purge's "current" run never published: the last published run stays.
        backdate(name, recent, 40);
        backdate(name, current, 35);
        HistoryPurge.Outcome outcome = purge.purge(job, "20991231-000000-000");
        assertThat(outcome.runIds()).containsExactly(recent);
        assertThat(runIds(name)).containsExactly(current);
        assertThat(runFolders(name)).containsExactly(current);
    }

    @Test
    void aRunStillMarkedRunningOrWithAnApplyUnderWayIsKept() throws Exception {
        String name = jobName("busy");
        JobDefinition job = job(name, "history:\n  keepRuns: 0\n  keepDays: 0\n");
        String running = run(job);
        String applying = run(job);
        String purged = run(job);
        String newest = run(job);
        // A run whose process was killed stays "running" in Spring Batch: recoverable, so it is not history yet.
        jdbc.update("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'STARTED', END_TIME = NULL WHERE JOB_INSTANCE_ID = ?",
                instanceId(name, running));
        jdbc.update("INSERT INTO LR_APPLY_RUN (JOB_NAME, RUN_ID, STATUS, STARTED_AT) VALUES (?, ?, 'RUNNING', ?)",
                name, applying, Timestamp.valueOf(LocalDateTime.now()));

        HistoryPurge.Outcome outcome = purge.purge(job.withHistory(new HistorySettings(1, 0, true)), newest);

        assertThat(outcome.runIds()).containsExactly(purged);
        assertThat(runIds(name)).containsExactly(running, applying, newest);
        assertThat(batchRunIds(name)).contains(running, applying);
    }

    @Test
    void foldersKeepPurgesTheRowsAndLeavesTheRunFolders() throws Exception {
        String name = jobName("keep-folders");
        JobDefinition job = job(name, "history:\n  keepRuns: 2\n  folders: keep\n");
        List<String> ids = List.of(run(job), run(job), run(job), run(job));

        assertThat(runIds(name)).containsExactlyElementsOf(ids.subList(2, 4));
        assertThat(runFolders(name)).containsExactlyElementsOf(ids);
    }

    @Test
    void aFolderNotShapedLikeTheRunsOwnIsNeverDeleted() throws Exception {
        String name = jobName("foreign");
        JobDefinition job = job(name, "history:\n  keepRuns: 1\n");
        String first = run(job);
        Path precious = Files.createDirectories(dir.resolve("precious"));
        Files.writeString(precious.resolve("keep.txt"), "not a run folder");
        jdbc.update("UPDATE LR_RUN SET OUTPUT_PATH = ? WHERE JOB_NAME = ? AND RUN_ID = ?", precious.toString(), name, first);

        String second = run(job);

        assertThat(precious.resolve("keep.txt")).hasContent("not a run folder");
        assertThat(runIds(name)).containsExactly(second);
        // Its own folder was not the one recorded, so it stays too: the purge deletes only what LR_RUN names.
        assertThat(runFolders(name)).containsExactly(first, second);
    }

    @Test
    void rowsGoInBatchesOfTheGivenSizeAndAllOfThemGo() throws Exception {
        String name = jobName("batches");
        JobDefinition job = job(name, "history:\n  keepRuns: 0\n  keepDays: 0\n");
        String first = run(job);
        String second = run(job);
        assertThat(count("LR_RESULT", name, first)).isGreaterThan(3);

        HistoryPurge small = new HistoryPurge(jobRepository, jdbc, transactionManager, 3);
        HistoryPurge.Outcome outcome = small.purge(job.withHistory(new HistorySettings(1, 0, true)), second);

        assertThat(outcome.runIds()).containsExactly(first);
        for (String table : RunTables.ALL) {
            assertThat(count(table, name, first)).as(table).isZero();
        }
        assertThat(outcome.rows()).isEqualTo(jdbcRowsOfARun(name, second));
        assertThat(runFolders(name)).containsExactly(second);
    }

    @Test
    void zeroForBothLimitsKeepsEveryRun() throws Exception {
        String name = jobName("forever");
        JobDefinition job = job(name, "history:\n  keepRuns: 0\n  keepDays: 0\n");
        List<String> ids = List.of(run(job), run(job), run(job));
        backdate(name, ids.get(0), 5000);

        run(job);

        assertThat(runIds(name)).hasSize(4).containsAll(ids);
    }

    /** Every table of the product keyed by job and run is one the purge knows: a new one must be added to RunTables. */
    @Test
    void everyPerRunTableOfTheSchemaIsPurged() {
        List<String> perRun = jdbc.queryForList("""
                SELECT UPPER(C1.TABLE_NAME) FROM INFORMATION_SCHEMA.COLUMNS C1 JOIN INFORMATION_SCHEMA.COLUMNS C2
                  ON C2.TABLE_SCHEMA = C1.TABLE_SCHEMA AND C2.TABLE_NAME = C1.TABLE_NAME
                WHERE C1.TABLE_SCHEMA = DATABASE() AND UPPER(C1.COLUMN_NAME) = 'JOB_NAME' AND UPPER(C2.COLUMN_NAME) = 'RUN_ID'
                  AND UPPER(C1.TABLE_NAME) LIKE 'LR\\_%'""".replace("DATABASE()", schemaFunction()), String.class);
        assertThat(perRun).isNotEmpty().filteredOn(t -> !RunTables.PER_JOB.contains(t))
                .containsExactlyInAnyOrderElementsOf(RunTables.ALL);
    }

    /** The SQL expression of the schema the application's tables are in. */
    abstract String schemaFunction();

    // --- helpers ---

    private String jobName(String base) {
        // One database per test class holds the runs of all its tests: a job name of its own per test.
        return base + "-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    }

    private JobDefinition job(String name, String historyYaml) {
        return loader.load(TenantFolders.exampleJob(dir, name, historyYaml));
    }

    private String run(JobDefinition job) throws Exception {
        JobExecution execution = launcher.launch(job, RunLauncher.Options.forceNew());
        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        Thread.sleep(2); // run ids are to the millisecond
        return execution.getJobParameters().getString(RunParameters.RUN_ID);
    }

    private int count(String table, String job, String runId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + table + " WHERE JOB_NAME = ? AND RUN_ID = ?", Integer.class,
                job, runId);
    }

    private long jdbcRowsOfARun(String job, String runId) {
        return RunTables.ALL.stream().mapToLong(t -> count(t, job, runId)).sum();
    }

    private int stepsPerRun(String job, String runId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_STEP_EXECUTION S JOIN BATCH_JOB_EXECUTION E ON "
                + "E.JOB_EXECUTION_ID = S.JOB_EXECUTION_ID WHERE E.JOB_INSTANCE_ID = ?", Integer.class, instanceId(job, runId));
    }

    private List<String> runIds(String job) {
        return jdbc.queryForList("SELECT RUN_ID FROM LR_RUN WHERE JOB_NAME = ? ORDER BY RUN_ID", String.class, job);
    }

    private List<String> batchRunIds(String job) {
        return jdbc.queryForList("""
                SELECT P.PARAMETER_VALUE FROM BATCH_JOB_EXECUTION_PARAMS P
                JOIN BATCH_JOB_EXECUTION E ON E.JOB_EXECUTION_ID = P.JOB_EXECUTION_ID
                JOIN BATCH_JOB_INSTANCE I ON I.JOB_INSTANCE_ID = E.JOB_INSTANCE_ID
                WHERE I.JOB_NAME = ? AND P.PARAMETER_NAME = 'runId'""", String.class, job);
    }

    private long instanceId(String job, String runId) {
        return jdbc.queryForObject("""
                SELECT E.JOB_INSTANCE_ID FROM BATCH_JOB_EXECUTION_PARAMS P
                JOIN BATCH_JOB_EXECUTION E ON E.JOB_EXECUTION_ID = P.JOB_EXECUTION_ID
                JOIN BATCH_JOB_INSTANCE I ON I.JOB_INSTANCE_ID = E.JOB_INSTANCE_ID
                WHERE I.JOB_NAME = ? AND P.PARAMETER_NAME = 'runId' AND P.PARAMETER_VALUE = ?""", Long.class, job, runId);
    }

    /** Makes a run look {@code days} old to the purge: Spring Batch's creation time and LR_RUN's start. */
    private void backdate(String job, String runId, int days) {
        Timestamp then = Timestamp.valueOf(LocalDateTime.now().minusDays(days));
        jdbc.update("UPDATE BATCH_JOB_EXECUTION SET CREATE_TIME = ?, START_TIME = ? WHERE JOB_INSTANCE_ID = ?", then, then,
                instanceId(job, runId));
        jdbc.update("UPDATE LR_RUN SET STARTED_AT = ? WHERE JOB_NAME = ? AND RUN_ID = ?", then, job, runId);
    }

    private List<String> runFolders(String job) throws IOException {
        Path jobDir = dir.resolve("out").resolve(job);
        if (!Files.isDirectory(jobDir)) {
            return List.of();
        }
        try (Stream<Path> runs = Files.list(jobDir)) {
            return runs.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        }
    }
}
