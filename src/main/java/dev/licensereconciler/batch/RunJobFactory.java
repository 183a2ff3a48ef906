package dev.licensereconciler.batch;

import dev.licensereconciler.domain.LicenseResult;
import dev.licensereconciler.domain.Plans;
import dev.licensereconciler.domain.Problem;
import dev.licensereconciler.domain.Shortfall;
import dev.licensereconciler.job.JobDefinition;
import dev.licensereconciler.job.JobType;
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
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * Builds the Spring Batch job of one job definition: compute (read the exports, apply the
 * rules, enforce the guard), store the run's rows in the database in chunks (results in parallel
 * with the other tables), publish the files,
 * mail the purchasers. The Spring Batch job carries the definition's name, so the batch
 * metadata speaks the admin's language; its steps are new objects per launch, so runs of
 * different tenants in one JVM share no state.
 */
public final class RunJobFactory {

    private static final Logger log = LoggerFactory.getLogger(RunJobFactory.class);

    private final JobRepository jobRepository;
    private final PlatformTransactionManager transactionManager;
    private final JdbcTemplate jdbc;
    private final RunContext runContext;
    private final RunPublisher publisher;
    private final ShortfallNotifier notifier;
    private final int chunkSize;

    public RunJobFactory(JobRepository jobRepository, PlatformTransactionManager transactionManager, JdbcTemplate jdbc,
                         RunContext runContext, RunPublisher publisher, ShortfallNotifier notifier, int chunkSize) {
        this.jobRepository = jobRepository;
        this.transactionManager = transactionManager;
        this.jdbc = jdbc;
        this.runContext = runContext;
        this.publisher = publisher;
        this.notifier = notifier;
        this.chunkSize = chunkSize;
    }

    public Job create(JobDefinition definition) {
        return new JobBuilder(definition.name(), jobRepository)
                .listener(new JobExecutionListener() {
                    @Override
                    public void beforeJob(JobExecution jobExecution) {
                        runContext.remember(jobExecution, definition);
                    }

                    @Override
                    public void afterJob(JobExecution jobExecution) {
                        runContext.release(jobExecution);
                    }
                })
                .flow(computeStep())
                .next(storeFlow())
                .next(publishStep())
                .next(notifyStep())
                .end()
                .build();
    }

    /**
     * The store steps as two parallel flows: the results (nine rows in ten) in one, actions, errors
     * and shortfalls after one another in the other. Each step keeps its own position and clean-up,
     * so a restart redoes only what the failed step had not committed; publishing waits for both.
     */
    private Flow storeFlow() {
        Flow results = new FlowBuilder<SimpleFlow>("store-results-flow")
                .start(storeStep("store-results", "LR_RESULT",
                        List.of("USER_UPN", "SKU", "OUTCOME", "CODE", "DISABLED_PLANS"),
                        run -> run.result().results(), RunJobFactory::bindResult))
                .build();
        Flow others = new FlowBuilder<SimpleFlow>("store-others-flow")
                .start(storeStep("store-actions", "LR_ACTION",
                        List.of("BATCH", "SKU", "OPERATION", "DISABLED_PLANS", "USER_UPN"),
                        ComputedRun::actionRows, (ps, o, r) -> {
                            ps.setInt(o + 1, r.batch());
                            ps.setString(o + 2, r.sku());
                            ps.setString(o + 3, r.operation().name());
                            ps.setString(o + 4, joinPlans(r.disabledPlans()));
                            ps.setString(o + 5, r.user());
                        }))
                .next(storeStep("store-errors", "LR_ERROR",
                        List.of("FILE_NAME", "LINE_NO", "USER_UPN", "SKU", "CODE", "MESSAGE", "FIX"),
                        ComputedRun::errors, RunJobFactory::bindProblem))
                .next(storeStep("store-shortfalls", "LR_SHORTFALL",
                        List.of("SKU", "PRODUCT", "CAPACITY", "ASSIGNED_BEFORE", "ASSIGNED_AFTER", "REQUESTED",
                                "SHORTFALL", "RECLAIMABLE", "PURCHASERS", "UNIT_PRICE", "CURRENCY", "SHORTFALL_COST"),
                        run -> run.result().shortfalls(), RunJobFactory::bindShortfall))
                .build();
        SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("store-");
        executor.setConcurrencyLimit(2);
        return new FlowBuilder<SimpleFlow>("store").split(executor).add(results, others).build();
    }

    private Step computeStep() {
        return new StepBuilder("compute", jobRepository).tasklet((contribution, chunkContext) -> {
            StepExecution step = chunkContext.getStepContext().getStepExecution();
            JobExecution execution = step.getJobExecution();
            ComputedRun run = runContext.computed(execution);
            RunParameters p = runContext.parameters(execution);
            JobDefinition job = run.job();
            int unassigns = run.result().unassignCount();
            int max = p.maxUnassign() != null ? p.maxUnassign() : job.policies().maxUnassign();
            if (job.type() == JobType.RECONCILE && unassigns > max) {
                throw new UnassignGuardException(job.name(), unassigns, max);
            }
            RunStatistics stats = RunStatistics.of(run);
            stats.putInto(execution.getExecutionContext());
            recordRun(p, job, execution, stats);
            log.info("{} run {}: {} users, {} to assign, {} to unassign, {} service updates, {} refused, {} input errors, shortfall {}",
                    job.name(), p.runId(), stats.users(), stats.assigned(), stats.unassigned(), stats.updated(),
                    stats.refused(), stats.inputErrors(), stats.shortfall());
            return RepeatStatus.FINISHED;
        }, transactionManager).listener(new PhaseListener("compute", null)).build();
    }

    /** Reports a step as a phase (log line and {@link PhaseEvents}); rows: written items, or the given count. */
    private final class PhaseListener implements StepExecutionListener {
        private final String phase;
        private final Function<ComputedRun, Long> rows;
        private long started;

        PhaseListener(String phase, Function<ComputedRun, Long> rows) {
            this.phase = phase;
            this.rows = rows;
        }

        @Override
        public void beforeStep(StepExecution stepExecution) {
            started = System.nanoTime();
            PhaseEvents.started(phase);
        }

        @Override
        public org.springframework.batch.core.ExitStatus afterStep(StepExecution stepExecution) {
            long n = stepExecution.getWriteCount();
            if (rows != null) {
                n = rows.apply(runContext.computed(stepExecution.getJobExecution()));
            }
            PhaseEvents.finished(phase, n, System.nanoTime() - started);
            return null;
        }
    }

    private void recordRun(RunParameters p, JobDefinition job, JobExecution execution, RunStatistics s) {
        jdbc.update("DELETE FROM LR_RUN WHERE JOB_NAME = ? AND RUN_ID = ?", p.jobName(), p.runId());
        jdbc.update("INSERT INTO LR_RUN (JOB_NAME, RUN_ID, JOB_TYPE, JOB_EXECUTION_ID, STARTED_AT, USERS, ASSIGNED, "
                        + "UNASSIGNED, UPDATED, REFUSED, INPUT_ERRORS, SHORTFALL) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                p.jobName(), p.runId(), job.type().yamlName(), execution.getId(), Timestamp.from(Instant.now()),
                s.users(), s.assigned(), s.unassigned(), s.updated(), s.refused(), s.inputErrors(), s.shortfall());
    }

    private <T> Step storeStep(String name, String table, List<String> columns, Function<ComputedRun, List<T>> rows,
                               RunRowWriter.RowBinder<T> binder) {
        ComputedRowReader<T> reader = new ComputedRowReader<>(runContext, name, rows);
        RunRowWriter<T> writer = new RunRowWriter<>(jdbc, table, columns, binder, reader);
        ProgressListener<ComputedRowReader.Numbered<T>> progress = new ProgressListener<>(name, reader::size);
        return new StepBuilder(name, jobRepository)
                .<ComputedRowReader.Numbered<T>, ComputedRowReader.Numbered<T>>chunk(chunkSize)
                .transactionManager(transactionManager)
                .reader(reader)
                .writer(writer)
                .listener((org.springframework.batch.core.listener.StepListener) progress)
                .listener(new PhaseListener(name, null))
                .build();
    }

    private Step publishStep() {
        return new StepBuilder("publish", jobRepository).tasklet((contribution, chunkContext) -> {
            JobExecution execution = chunkContext.getStepContext().getStepExecution().getJobExecution();
            ComputedRun run = runContext.computed(execution);
            RunParameters p = runContext.parameters(execution);
            java.nio.file.Path folder = publisher.publish(run, p);
            jdbc.update("UPDATE LR_RUN SET PUBLISHED_AT = ?, OUTPUT_PATH = ? WHERE JOB_NAME = ? AND RUN_ID = ?",
                    Timestamp.from(Instant.now()), folder.toString(), p.jobName(), p.runId());
            RunStatistics stats = RunStatistics.from(execution.getExecutionContext());
            if (stats == null) {
                stats = RunStatistics.of(run);
            }
            stats.withRunFolder(folder.toString()).putInto(execution.getExecutionContext());
            return RepeatStatus.FINISHED;
        }, transactionManager).listener(new PhaseListener("publish", r -> (long) r.actionRows().size()
                + r.result().results().size() + r.errors().size() + r.result().shortfalls().size())).build();
    }

    private Step notifyStep() {
        return new StepBuilder("notify", jobRepository).tasklet((contribution, chunkContext) -> {
            JobExecution execution = chunkContext.getStepContext().getStepExecution().getJobExecution();
            ComputedRun run = runContext.computed(execution);
            ShortfallNotifier.Outcome outcome = notifier.notify(run, runContext.parameters(execution));
            if (outcome.note() != null && !outcome.note().isEmpty()) {
                log.info("Shortfall mail: {}", outcome.note());
            }
            RunStatistics stats = RunStatistics.from(execution.getExecutionContext());
            if (stats != null) {
                stats.withMailsFailed(outcome.failed()).putInto(execution.getExecutionContext());
            }
            return RepeatStatus.FINISHED;
        }, transactionManager).listener(new PhaseListener("notify", null)).build();
    }

    private static void bindResult(java.sql.PreparedStatement ps, int o, LicenseResult r) throws java.sql.SQLException {
        ps.setString(o + 1, r.user());
        ps.setString(o + 2, r.sku());
        ps.setString(o + 3, r.outcome().name());
        ps.setString(o + 4, r.code() == null ? null : r.code().name());
        ps.setString(o + 5, joinPlans(r.disabledPlans()));
    }

    private static void bindProblem(java.sql.PreparedStatement ps, int o, Problem r) throws java.sql.SQLException {
        ps.setString(o + 1, r.file());
        if (r.line() > 0) {
            ps.setInt(o + 2, r.line());
        } else {
            ps.setNull(o + 2, Types.INTEGER);
        }
        ps.setString(o + 3, r.user());
        ps.setString(o + 4, r.sku());
        ps.setString(o + 5, r.code().name());
        ps.setString(o + 6, truncate(r.message()));
        ps.setString(o + 7, truncate(r.fix()));
    }

    private static void bindShortfall(java.sql.PreparedStatement ps, int o, Shortfall s) throws java.sql.SQLException {
        ps.setString(o + 1, s.sku());
        ps.setString(o + 2, s.product());
        ps.setInt(o + 3, s.capacity());
        ps.setInt(o + 4, s.assignedBefore());
        ps.setInt(o + 5, s.assignedAfter());
        ps.setInt(o + 6, s.requested());
        ps.setInt(o + 7, s.shortfall());
        ps.setInt(o + 8, s.reclaimable());
        ps.setString(o + 9, truncate(String.join(";", s.purchasers())));
        ps.setBigDecimal(o + 10, s.unitPrice());
        ps.setString(o + 11, s.currency());
        ps.setBigDecimal(o + 12, s.shortfallCost());
    }

    /** Plans.join, without copying the (already sorted) set for the common case of no disabled plans. */
    private static String joinPlans(java.util.SortedSet<String> plans) {
        return plans == null || plans.isEmpty() ? "" : Plans.join(plans);
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 4000 ? s : s.substring(0, 3997) + "...";
    }
}
