package dev.licensereconciler.batch;

import dev.licensereconciler.domain.Savings;
import dev.licensereconciler.job.JobDefinition;
import dev.licensereconciler.job.JobType;
import dev.licensereconciler.report.ReportLayout;
import dev.licensereconciler.report.ReportRows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.FlowBuilder;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.flow.Flow;
import org.springframework.batch.core.job.flow.support.SimpleFlow;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.listener.StepListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Function;

/**
 * Builds the Spring Batch job of one job definition: compute (read the exports, apply the
 * rules, enforce the guard), store the run's rows in the database in chunks (results in parallel
 * with the other tables), publish the files, mail the purchasers. The Spring Batch job carries
 * the definition's name, so the batch metadata speaks the admin's language; its steps are new
 * objects per launch, so runs of different tenants in one JVM share no state.
 */
public final class RunJobFactory {

    /** Compute step's execution context: milliseconds spent reading the exports. */
    public static final String READ_MILLIS = "readMillis";
    /** Compute step's execution context: milliseconds spent applying the rules. */
    public static final String RECONCILE_MILLIS = "reconcileMillis";

    private static final Logger log = LoggerFactory.getLogger(RunJobFactory.class);

    private final JobRepository jobRepository;
    private final PlatformTransactionManager transactionManager;
    private final JdbcTemplate jdbc;
    private final TenantRunComputer computer;
    private final ReportPublisher publisher;
    private final MailNotifier notifier;
    private final ManagedLicenseRecord record;
    private final HistoryPurge historyPurge;
    private final int chunkSize;

    public RunJobFactory(JobRepository jobRepository, PlatformTransactionManager transactionManager, JdbcTemplate jdbc,
                         TenantRunComputer computer, ReportPublisher publisher, MailNotifier notifier,
                         HistoryPurge historyPurge, int chunkSize) {
        this.jobRepository = jobRepository;
        this.transactionManager = transactionManager;
        this.jdbc = jdbc;
        this.computer = computer;
        this.publisher = publisher;
        this.notifier = notifier;
        this.record = new ManagedLicenseRecord(jdbc);
        this.historyPurge = historyPurge;
        this.chunkSize = chunkSize;
    }

    /** The job of one launch of {@code definition}: the steps use this definition, never the file as it is later. */
    public Job create(JobDefinition definition) {
        RunContext run = new RunContext(definition, computer, new NoticeStore(jdbc));
        return new JobBuilder(definition.name(), jobRepository)
                .listener(new JobExecutionListener() {
                    @Override
                    public void afterJob(JobExecution jobExecution) {
                        run.release();
                    }
                })
                .flow(computeStep(run))
                .next(storeFlow(run))
                .next(publishStep(run))
                .next(notifyStep(run))
                .next(purgeStep(run))
                .end()
                .build();
    }

    /**
     * The store steps as two parallel flows: the results (nine rows in ten) in one, actions, errors,
     * shortfalls and the savings outputs (none for a bulk import) after one another in the other. Each step keeps its own position and clean-up,
     * so a restart redoes only what the failed step had not committed; publishing waits for both.
     */
    private Flow storeFlow(RunContext run) {
        Flow results = new FlowBuilder<SimpleFlow>("store-results-flow")
                .start(storeStep(run, "store-results", ReportRows.RESULTS, r -> r.result().results()))
                .build();
        FlowBuilder<SimpleFlow> othersBuilder = new FlowBuilder<SimpleFlow>("store-others-flow")
                .start(storeStep(run, "store-actions", ReportRows.ACTIONS, ComputedRun::actionRows))
                .next(storeStep(run, "store-errors", ReportRows.ERRORS, ComputedRun::errors))
                .next(storeStep(run, "store-shortfalls", ReportRows.SHORTFALL, r -> r.result().shortfalls()))
                .next(storeStep(run, "store-surplus", ReportRows.SURPLUS, r -> r.savingsRows(Savings::surplus)))
                .next(storeStep(run, "store-recommendations", ReportRows.RECOMMENDATIONS,
                        r -> r.savingsRows(Savings::recommendations)))
                .next(storeStep(run, "store-costs", ReportRows.COSTS, r -> r.savingsRows(Savings::costs)));
        if (run.givesNotices()) {
            othersBuilder.next(storeStep(run, "store-notices", NoticeStore.LAYOUT, r -> r.result().notices()));
        }
        Flow others = othersBuilder.build();
        SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("store-");
        executor.setConcurrencyLimit(2);
        return new FlowBuilder<SimpleFlow>("store").split(executor).add(results, others).build();
    }

    private Step computeStep(RunContext run) {
        return new StepBuilder("compute", jobRepository).tasklet((contribution, chunkContext) -> {
            StepExecution step = chunkContext.getStepContext().getStepExecution();
            JobExecution execution = step.getJobExecution();
            ComputedRun computed = run.computed(execution);
            RunParameters p = run.parameters(execution);
            JobDefinition job = run.job();
            int unassigns = computed.result().unassignCount();
            int max = p.maxUnassign() != null ? p.maxUnassign() : job.policies().maxUnassign();
            if (job.type() == JobType.RECONCILE && unassigns > max) {
                throw new UnassignGuardException(job.name(), unassigns, max);
            }
            step.getExecutionContext().putLong(READ_MILLIS, computed.readMillis());
            step.getExecutionContext().putLong(RECONCILE_MILLIS, computed.reconcileMillis());
            RunStatistics stats = RunStatistics.of(computed);
            stats.putInto(execution.getExecutionContext());
            recordRun(p, job, execution, stats);
            log.info("{} run {}: {} users, {} to assign, {} to unassign, {} service updates, {} refused, {} input errors, shortfall {}",
                    job.name(), p.runId(), stats.users(), stats.assigned(), stats.unassigned(), stats.updated(),
                    stats.refused(), stats.inputErrors(), stats.shortfall());
            return RepeatStatus.FINISHED;
        }, transactionManager).listener((StepExecutionListener) ProgressListener.tasklet("compute", () -> 0)).build();
    }

    private void recordRun(RunParameters p, JobDefinition job, JobExecution execution, RunStatistics s) {
        jdbc.update("DELETE FROM LR_RUN WHERE JOB_NAME = ? AND RUN_ID = ?", p.jobName(), p.runId());
        jdbc.update("INSERT INTO LR_RUN (JOB_NAME, RUN_ID, JOB_TYPE, JOB_EXECUTION_ID, STARTED_AT, USERS, ASSIGNED, "
                        + "UNASSIGNED, UPDATED, REFUSED, INPUT_ERRORS, SHORTFALL) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                p.jobName(), p.runId(), job.type().yamlName(), execution.getId(), Timestamp.from(Instant.now()),
                s.users(), s.assigned(), s.unassigned(), s.updated(), s.refused(), s.inputErrors(), s.shortfall());
    }

    private <T> Step storeStep(RunContext run, String name, ReportLayout<T> layout, Function<ComputedRun, List<T>> rows) {
        ComputedRowReader<T> reader = new ComputedRowReader<>(run, name, rows);
        RunRowWriter<T> writer = new RunRowWriter<>(jdbc, layout, reader);
        ProgressListener<ComputedRowReader.Numbered<T>> progress = ProgressListener.chunks(name, reader::size);
        return new StepBuilder(name, jobRepository)
                .<ComputedRowReader.Numbered<T>, ComputedRowReader.Numbered<T>>chunk(chunkSize)
                .transactionManager(transactionManager)
                .reader(reader)
                .writer(writer)
                .listener((StepListener) progress)
                .build();
    }

    private Step publishStep(RunContext run) {
        return new StepBuilder("publish", jobRepository).tasklet((contribution, chunkContext) -> {
            JobExecution execution = chunkContext.getStepContext().getStepExecution().getJobExecution();
            ComputedRun computed = run.computed(execution);
            RunParameters p = run.parameters(execution);
            Instant started = execution.getStartTime().atZone(ZoneId.systemDefault()).toInstant();
            Path folder = publisher.publish(computed, p, started);
            if (run.job().type() == JobType.RECONCILE) {
                record.publish(p.jobName(), p.runId(), computed.result().recordChanges());
            }
            jdbc.update("UPDATE LR_RUN SET PUBLISHED_AT = ?, OUTPUT_PATH = ? WHERE JOB_NAME = ? AND RUN_ID = ?",
                    Timestamp.from(Instant.now()), folder.toString(), p.jobName(), p.runId());
            RunStatistics stats = RunStatistics.from(execution.getExecutionContext());
            if (stats == null) {
                stats = RunStatistics.of(computed);
            }
            stats.withRunFolder(folder.toString()).putInto(execution.getExecutionContext());
            return RepeatStatus.FINISHED;
        }, transactionManager).listener((StepExecutionListener) ProgressListener.tasklet("publish", () -> run.computedRows())).build();
    }

    private Step notifyStep(RunContext run) {
        return new StepBuilder("notify", jobRepository).tasklet((contribution, chunkContext) -> {
            JobExecution execution = chunkContext.getStepContext().getStepExecution().getJobExecution();
            MailNotifier.Outcome outcome;
            try {
                outcome = notifier.notify(run.computed(execution), run.parameters(execution));
            } catch (RuntimeException e) {
                // The reports are published by now: a mail problem must not fail the run, and the
                // mails already sent stay recorded (each in its own transaction).
                log.warn("Shortfall mail stopped: {}", e.toString());
                outcome = new MailNotifier.Outcome(0, 0, 0, 1, "stopped by an error, see the log; run the job again "
                        + "to send the mails not recorded as sent.");
            }
            if (outcome.note() != null && !outcome.note().isEmpty()) {
                log.info("Purchaser mail: {}", outcome.note());
            }
            RunStatistics stats = RunStatistics.from(execution.getExecutionContext());
            if (stats != null) {
                stats.withMailsFailed(outcome.failed()).putInto(execution.getExecutionContext());
            }
            return RepeatStatus.FINISHED;
        }, transactionManager).listener((StepExecutionListener) ProgressListener.tasklet("notify", () -> 0)).build();
    }

    /**
     * Purges the job's runs beyond its history limits once this one has published. A purge that
     * fails is logged and leaves the run completed: the run's results are out, and the next run
     * purges again (its rows, folders and batch records are found again, see {@link HistoryPurge}).
     */
    private Step purgeStep(RunContext run) {
        return new StepBuilder("purge-history", jobRepository).tasklet((contribution, chunkContext) -> {
            JobExecution execution = chunkContext.getStepContext().getStepExecution().getJobExecution();
            try {
                historyPurge.purge(run.job(), run.parameters(execution).runId());
            } catch (RuntimeException e) {
                log.warn("{}: history purge stopped ({}); the next run purges again.", run.job().name(), e.toString());
            }
            return RepeatStatus.FINISHED;
        }, transactionManager).build();
    }
}
