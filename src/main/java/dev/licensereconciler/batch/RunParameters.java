package dev.licensereconciler.batch;

import dev.licensereconciler.job.JobDefinition;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Job parameters of one run. A run is identified by its job's name and run id only, so running
 * the same run again resumes it; the files it reads and writes are recorded but not identifying,
 * which keeps a resumed run on the folders it started with.
 */
public record RunParameters(String jobName, String runId, Path jobFile, Path input, Path output, Integer maxUnassign,
                            String inputFingerprint, String requests) {

    public static final String JOB_NAME = "jobName";
    public static final String RUN_ID = "runId";
    public static final String JOB_FILE = "jobFile";
    public static final String INPUT = "input";
    public static final String OUTPUT = "output";
    /** A raised accidental-removal threshold for this run only (R12). */
    public static final String MAX_UNASSIGN = "maxUnassign";
    /** Names, sizes and modification times of the input files and the job file's content when the run started. */
    public static final String INPUT_FINGERPRINT = "inputFingerprint";
    /** The requests file of a bulk import, as the job or the command line named it. */
    public static final String REQUESTS = "requests";

    /** Run ids name run folders: the run's time in the job's time zone, to the second. */
    private static final DateTimeFormatter RUN_ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    /**
     * The run id of a scheduled firing: its fire time, so two scheduler instances firing one
     * trigger name one Spring Batch job instance.
     */
    public static String scheduledRunId(Instant fireTime, ZoneId zone) {
        return RUN_ID_TIME.format(fireTime.atZone(zone));
    }

    /** The run id of a run started now by hand: to the millisecond, so quick reruns get folders of their own. */
    public static String newRunId(ZoneId zone) {
        ZonedDateTime now = ZonedDateTime.now(zone);
        return RUN_ID_TIME.format(now) + String.format(Locale.ROOT, "-%03d", now.getNano() / 1_000_000);
    }

    public static RunParameters of(JobDefinition job, String runId, Integer maxUnassign) {
        return new RunParameters(job.name(), runId, job.source(), job.input(), job.output(), maxUnassign,
                InputFingerprint.of(job), job.requests());
    }

    public JobParameters toJobParameters() {
        JobParametersBuilder b = new JobParametersBuilder();
        if (maxUnassign != null) {
            b.addString(MAX_UNASSIGN, maxUnassign.toString(), false);
        }
        return b
                .addString(JOB_NAME, jobName, true)
                .addString(RUN_ID, runId, true)
                .addString(JOB_FILE, jobFile.toString(), false)
                .addString(INPUT, input.toString(), false)
                .addString(OUTPUT, output.toString(), false)
                .addString(INPUT_FINGERPRINT, inputFingerprint == null ? "" : inputFingerprint, false)
                .addString(REQUESTS, requests == null ? "" : requests, false)
                .toJobParameters();
    }

    public static RunParameters from(JobParameters p) {
        String max = p.getString(MAX_UNASSIGN);
        return new RunParameters(p.getString(JOB_NAME), p.getString(RUN_ID), Path.of(p.getString(JOB_FILE)),
                Path.of(p.getString(INPUT)), Path.of(p.getString(OUTPUT)), max == null ? null : Integer.valueOf(max),
                p.getString(INPUT_FINGERPRINT, ""), emptyToNull(p.getString(REQUESTS, "")));
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
