package dev.licensereconciler.batch;

import dev.licensereconciler.job.HistorySettings;
import dev.licensereconciler.job.JobDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps a job's history within its {@link HistorySettings}: after a run has published, the runs
 * beyond the {@code keepRuns} newest or older than {@code keepDays} lose their rows in every
 * {@link RunTables per-run table}, their run folder (the one LR_RUN.OUTPUT_PATH names, nothing
 * else) and Spring Batch's record of them. Never purged: the run under way, the last published
 * run, a run Spring Batch still marks as running (its process may live, or be recovered) and a
 * run whose apply has not finished.
 *
 * <p>Rows go in transactions of at most {@code batchRows} rows each, so a 1M-user run's two
 * million rows never sit in one transaction, and a purge stopped part-way (a kill) leaves rows the
 * next purge finds again: the run's LR_RUN row and its Spring Batch instance go last.
 */
public final class HistoryPurge {

    /** What one purge did. */
    public record Outcome(List<String> runIds, long rows, int folders) {
        public static final Outcome NOTHING = new Outcome(List.of(), 0, 0);
    }

    /** One run of a job as the database holds it: Spring Batch's record, LR_RUN's row, or both. */
    record StoredRun(String runId, Long instanceId, LocalDateTime started, BatchStatus lastStatus,
                     LocalDateTime published, String outputPath) {
    }

    public static final int DEFAULT_BATCH_ROWS = 10_000;
    private static final Logger log = LoggerFactory.getLogger(HistoryPurge.class);

    private final JobRepository jobRepository;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;
    private final int batchRows;

    public HistoryPurge(JobRepository jobRepository, JdbcTemplate jdbc, PlatformTransactionManager transactionManager,
                        int batchRows) {
        this.jobRepository = jobRepository;
        this.jdbc = jdbc;
        // Each batch commits on its own, whatever transaction the caller (a tasklet) holds.
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.batchRows = batchRows;
    }

    /** Purges what the job's history limits leave out; {@code currentRunId} is never touched. */
    public Outcome purge(JobDefinition job, String currentRunId) {
        List<StoredRun> purge = purgeable(job, currentRunId, LocalDateTime.now());
        long rows = 0;
        int folders = 0;
        List<String> ids = new ArrayList<>();
        for (StoredRun run : purge) {
            try {
                if (job.history().deleteFolders() && deleteFolder(job.name(), run)) {
                    folders++;
                }
            } catch (IllegalStateException e) {
                // Its rows stay (LR_RUN keeps the folder's path), so the next purge tries again; the others go on.
                log.warn("{}: run {} not purged: {}", job.name(), run.runId(), e.getMessage());
                continue;
            }
            if (run.runId() != null) {
                for (String table : RunTables.ALL) {
                    rows += deleteRows(table, job.name(), run.runId());
                }
            }
            if (run.instanceId() != null) {
                ownTransaction.executeWithoutResult(tx -> {
                    JobInstance instance = jobRepository.getJobInstance(run.instanceId());
                    if (instance != null) {
                        jobRepository.deleteJobInstance(instance);
                    }
                });
            }
            ids.add(run.runId() != null ? run.runId() : "instance " + run.instanceId());
        }
        if (!ids.isEmpty()) {
            log.info("{}: purged {} older runs ({} rows, {} run folders) to keep {}: {}", job.name(), ids.size(), rows,
                    folders, limits(job.history()), String.join(", ", ids));
        }
        return new Outcome(ids, rows, folders);
    }

    /** The runs the limits leave out, newest first; the protected ones are never among them. */
    List<StoredRun> purgeable(JobDefinition job, String currentRunId, LocalDateTime now) {
        HistorySettings limits = job.history();
        if (limits.keepsEverything()) {
            return List.of();
        }
        List<StoredRun> runs = storedRuns(job.name());
        Set<String> protectedRuns = new HashSet<>();
        protectedRuns.add(currentRunId);
        runs.stream().filter(r -> r.published() != null && r.runId() != null)
                .max(Comparator.comparing(StoredRun::published)).ifPresent(r -> protectedRuns.add(r.runId()));
        protectedRuns.addAll(jdbc.queryForList("SELECT RUN_ID FROM LR_APPLY_RUN WHERE JOB_NAME = ? AND STATUS = 'RUNNING'",
                String.class, job.name()));
        LocalDateTime oldest = limits.keepDays() == 0 ? null : now.minusDays(limits.keepDays());
        List<StoredRun> purge = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            StoredRun run = runs.get(i);
            boolean beyondCount = limits.keepRuns() > 0 && i >= limits.keepRuns();
            boolean tooOld = oldest != null && run.started() != null && run.started().isBefore(oldest);
            boolean running = run.lastStatus() != null && run.lastStatus().isRunning();
            if ((beyondCount || tooOld) && !running && !protectedRuns.contains(run.runId())) {
                purge.add(run);
            }
        }
        return purge;
    }

    /**
     * Every run of the job, newest first: Spring Batch's job instances (started when their first
     * execution was created, in the state of their last) and LR_RUN rows, joined by run id. A run
     * of only one of the two is a run a purge stopped part-way, or one that failed before its row.
     */
    List<StoredRun> storedRuns(String jobName) {
        Map<String, StoredRun> byKey = new LinkedHashMap<>();
        jdbc.query("""
                SELECT I.JOB_INSTANCE_ID, E.CREATE_TIME, E.STATUS,
                       (SELECT P.PARAMETER_VALUE FROM BATCH_JOB_EXECUTION_PARAMS P
                         WHERE P.JOB_EXECUTION_ID = E.JOB_EXECUTION_ID AND P.PARAMETER_NAME = ?) AS RUN_ID
                FROM BATCH_JOB_INSTANCE I LEFT JOIN BATCH_JOB_EXECUTION E ON E.JOB_INSTANCE_ID = I.JOB_INSTANCE_ID
                WHERE I.JOB_NAME = ? ORDER BY I.JOB_INSTANCE_ID, E.JOB_EXECUTION_ID""", rs -> {
            long instance = rs.getLong(1);
            Timestamp created = rs.getTimestamp(2);
            String status = rs.getString(3);
            String runId = rs.getString(4);
            String key = "instance:" + instance;
            StoredRun seen = byKey.get(key);
            LocalDateTime started = seen != null && seen.started() != null ? seen.started()
                    : created == null ? null : created.toLocalDateTime();
            byKey.put(key, new StoredRun(runId != null ? runId : seen == null ? null : seen.runId(), instance, started,
                    status == null ? null : BatchStatus.valueOf(status), null, null));
        }, RunParameters.RUN_ID, jobName);
        Map<String, StoredRun> byRunId = new LinkedHashMap<>();
        List<StoredRun> withoutRunId = new ArrayList<>();
        for (StoredRun r : byKey.values()) {
            if (r.runId() == null) {
                withoutRunId.add(r);
            } else {
                byRunId.put(r.runId(), r);
            }
        }
        jdbc.query("SELECT RUN_ID, STARTED_AT, PUBLISHED_AT, OUTPUT_PATH FROM LR_RUN WHERE JOB_NAME = ?", rs -> {
            String runId = rs.getString(1);
            Timestamp started = rs.getTimestamp(2);
            Timestamp published = rs.getTimestamp(3);
            StoredRun batch = byRunId.get(runId);
            byRunId.put(runId, new StoredRun(runId, batch == null ? null : batch.instanceId(),
                    batch != null && batch.started() != null ? batch.started() : started == null ? null : started.toLocalDateTime(),
                    batch == null ? null : batch.lastStatus(), published == null ? null : published.toLocalDateTime(),
                    rs.getString(4)));
        }, jobName);
        List<StoredRun> all = new ArrayList<>(byRunId.values());
        all.addAll(withoutRunId);
        all.sort(Comparator.comparing(StoredRun::started, Comparator.nullsFirst(Comparator.<LocalDateTime>naturalOrder()))
                .thenComparing(StoredRun::instanceId, Comparator.nullsFirst(Comparator.<Long>naturalOrder()))
                .reversed());
        return all;
    }

    /** Deletes a run's rows of one table, {@code batchRows} per transaction; DELETE … LIMIT works on H2 and MySQL. */
    private long deleteRows(String table, String jobName, String runId) {
        String sql = "DELETE FROM " + table + " WHERE JOB_NAME = ? AND RUN_ID = ? LIMIT " + batchRows;
        long total = 0;
        int deleted;
        do {
            Integer n = ownTransaction.execute(tx -> jdbc.update(sql, jobName, runId));
            deleted = n == null ? 0 : n;
            total += deleted;
        } while (deleted >= batchRows);
        return total;
    }

    /**
     * The run folder LR_RUN recorded, and only when it has the shape of one ({@code <job>/<run id>},
     * a real folder, not a link): a damaged or hand-edited OUTPUT_PATH can never point this at
     * anything else. Links inside the folder are removed, not followed.
     */
    private boolean deleteFolder(String jobName, StoredRun run) {
        if (run.outputPath() == null || run.outputPath().isBlank() || run.runId() == null) {
            return false;
        }
        Path folder = Path.of(run.outputPath());
        Path parent = folder.getParent();
        if (!folder.getFileName().toString().equals(run.runId()) || parent == null || parent.getFileName() == null
                || !parent.getFileName().toString().equals(jobName)
                || !Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            if (Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
                log.warn("{}: run {} recorded {} as its folder, which is not <output>/{}/{}; left in place.",
                        jobName, run.runId(), folder, jobName, run.runId());
            }
            return false;
        }
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    if (e != null) {
                        throw e;
                    }
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
            return true;
        } catch (IOException e) {
            throw new IllegalStateException("Could not delete the folder " + folder + " of purged run " + run.runId()
                    + ": " + e.getMessage() + ". Check its permissions; the next run tries again.", e);
        }
    }

    static String limits(HistorySettings h) {
        return (h.keepRuns() == 0 ? "any number of runs" : "the " + h.keepRuns() + " newest runs")
                + (h.keepDays() == 0 ? "" : " of the last " + h.keepDays() + " days");
    }
}
