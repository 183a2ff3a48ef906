package dev.licensereconciler.graph;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.licensereconciler.domain.Catalog;
import dev.licensereconciler.domain.Operation;
import dev.licensereconciler.ingest.InputFileException;
import dev.licensereconciler.ingest.ReferenceData;
import dev.licensereconciler.job.JobDefinition;
import dev.licensereconciler.job.JobType;
import dev.licensereconciler.report.ApplySummary;
import dev.licensereconciler.report.CsvRowWriter;
import dev.licensereconciler.report.HtmlSummaryWriter;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Carries out one published run's actions.csv through Microsoft Graph, exactly once across
 * crashes: the plan is stored in LR_APPLY before anything is sent; each batch's requests are
 * recorded PENDING (committed) before the batch goes out and APPLIED / FAILED (committed) before
 * the next one; a resumed apply reads the licenses of every user still PENDING from Graph and
 * marks the request applied when the change is in effect, else sends it. Nothing confirmed is
 * sent again and nothing interrupted is re-sent blindly.
 *
 * <p>Entry point: {@link #apply(JobDefinition, String, ApplyOptions)}.
 */
public final class GraphApply {

    static final String APPLY_CSV = "apply.csv";
    static final String DRY_RUN_FILE = "apply-requests.txt";
    /** A request Graph throttled or could not answer this many times is given up as failed. */
    static final int MAX_ATTEMPTS = 10;

    private final PublishedRuns runs;
    private final ApplyStore store;
    private final Supplier<GraphGateway> gateway;
    private final Function<JobDefinition, GroupPaths> groupPaths;
    private final GraphProperties properties;
    private final ApplyClock clock;
    private final ApplyHooks hooks;
    private final HtmlSummaryWriter summary;
    private final PrintStream out;
    private final PrintStream err;

    public GraphApply(PublishedRuns runs, ApplyStore store, Supplier<GraphGateway> gateway,
                      Function<JobDefinition, GroupPaths> groupPaths, GraphProperties properties, ApplyClock clock,
                      ApplyHooks hooks, HtmlSummaryWriter summary, PrintStream out, PrintStream err) {
        this.runs = runs;
        this.store = store;
        this.gateway = gateway;
        this.groupPaths = groupPaths;
        this.properties = properties;
        this.clock = clock;
        this.hooks = hooks;
        this.summary = summary;
        this.out = out;
        this.err = err;
    }

    /**
     * Applies run {@code runId} of the job (its latest published run when null). Prints a summary,
     * writes apply.csv into the run folder, and returns the exit status with the figures.
     */
    public ApplyReport apply(JobDefinition job, String runId, ApplyOptions options) {
        Optional<PublishedRuns.PublishedRun> found = runs.find(job.name(), runId);
        if (found.isEmpty()) {
            return refuse(runId, runId == null
                    ? "Job " + job.name() + " has no published run to apply. Run the job first (run " + job.name() + ")."
                    : "Job " + job.name() + " has no published run " + runId + ". Apply one of its published runs "
                    + "(the folder names under " + job.output().resolve(job.name()) + "), or leave out --run for the latest.");
        }
        PublishedRuns.PublishedRun run = found.get();
        List<ActionRow> actions;
        try {
            actions = ActionsFile.read(run.folder());
        } catch (InputFileException e) {
            return refuse(run.runId(), "Cannot apply run " + run.runId() + " of " + job.name() + ": " + e.getMessage());
        }
        Optional<ApplyStore.ApplyRun> previous = store.run(job.name(), run.runId());
        if (previous.isPresent() && previous.get().status().equals("COMPLETED")) {
            return refuse(run.runId(), "Run " + run.runId() + " of " + job.name() + " was already applied at "
                    + previous.get().finishedAt() + " (see " + run.folder().resolve(APPLY_CSV) + "); nothing was sent. "
                    + "To carry out later changes, take a new snapshot, run " + job.name() + " again and apply that run.");
        }
        String stale = staleness(job, run, options);
        if (stale != null) {
            return refuse(run.runId(), stale);
        }
        String guard = guard(job, actions, options);
        if (guard != null) {
            return refuse(run.runId(), guard);
        }

        List<ApplyRequest> requests;
        boolean resumed = previous.isPresent();
        if (resumed) {
            requests = store.requests(job.name(), run.runId());
        } else {
            Catalog catalog;
            try {
                catalog = job.catalog() == null ? ReferenceData.builtinCatalog() : ReferenceData.loadCatalog(job.catalog());
            } catch (InputFileException e) {
                return refuse(run.runId(), "Cannot apply run " + run.runId() + ": the catalog " + e.getMessage());
            }
            requests = new ApplyPlanner(catalog).plan(actions, groupPaths.apply(job));
        }
        if (options.dryRun()) {
            return dryRun(job, run, requests);
        }
        if (!resumed) {
            store.create(job.name(), run.runId(), requests, clock.now());
        }
        return execute(job, run, actions, requests, resumed);
    }

    private ApplyReport execute(JobDefinition job, PublishedRuns.PublishedRun run, List<ActionRow> actions,
                                List<ApplyRequest> requests, boolean resumed) {
        Instant started = clock.now();
        GraphGateway graph;
        try {
            graph = gateway.get();
        } catch (GraphException e) {
            return refuse(run.runId(), e.getMessage());
        }
        Map<Integer, ApplyRequest> bySeq = new HashMap<>();
        requests.forEach(r -> bySeq.put(r.seq(), r));
        Set<Integer> batches = new TreeSet<>();
        requests.stream().filter(r -> r.batch() > 0).forEach(r -> batches.add(r.batch()));
        int toSend = (int) requests.stream().filter(r -> !r.status().settled()).count();
        Duration planned = WriteRateLimiter.plannedDuration(toSend, properties.writesPerWindow(), properties.writeWindow());
        out.println(job.name() + " run " + run.runId() + ": " + (resumed ? "resuming the apply, " : "applying ")
                + toSend + " assignLicense requests in " + batches.size() + " batches through " + properties.baseUrl()
                + (planned.isZero() ? "" : "; Graph's limit of " + properties.writesPerWindow() + " writes per "
                + properties.writeWindow().toSeconds() + " s makes this take at least " + WriteRateLimiter.describe(planned)));

        WriteRateLimiter limiter = new WriteRateLimiter(properties.writesPerWindow(), properties.writeWindow(), clock);
        try {
            if (resumed) {
                verifyPending(job, run, graph, bySeq);
            }
            Instant lastProgress = clock.now();
            NavigableSet<ApplyRequest> queue = new TreeSet<>(BATCH_ORDER);
            bySeq.values().stream().filter(r -> r.status() == ApplyStatus.PLANNED).forEach(queue::add);
            while (true) {
                List<ApplyRequest> batch = nextBatch(queue);
                if (batch.isEmpty()) {
                    break;
                }
                queue.addAll(sendBatch(job, run, graph, limiter, batch, bySeq));
                if (Duration.between(lastProgress, clock.now()).toSeconds() >= 10) {
                    lastProgress = clock.now();
                    progress(bySeq, started);
                }
            }
        } catch (GraphException e) {
            List<ApplyRequest> now = sorted(bySeq);
            writeApplyCsv(run, actions, now);
            long done = now.stream().filter(r -> r.status() == ApplyStatus.APPLIED).count();
            String message = job.name() + " run " + run.runId() + ": apply stopped: " + e.getMessage() + " " + done
                    + " of " + now.size() + " requests are applied. Run the apply again to resume: requests whose outcome "
                    + "is unknown are checked against the tenant, not sent twice.";
            writeSummary(job, run, actions, now, "stopped: " + e.getMessage() + " Run the apply again to resume.", false);
            err.println(message);
            return new ApplyReport(ApplyReport.FAILED, run.runId(), now.size(), (int) done, count(now, ApplyStatus.FAILED),
                    count(now, ApplyStatus.BY_ENTRA), batches.size(), run.folder().resolve(APPLY_CSV), message);
        }
        store.complete(job.name(), run.runId(), clock.now());
        List<ApplyRequest> done = sorted(bySeq);
        Path csv = writeApplyCsv(run, actions, done);
        int applied = count(done, ApplyStatus.APPLIED);
        int failed = count(done, ApplyStatus.FAILED);
        int byEntra = count(done, ApplyStatus.BY_ENTRA);
        String outcome = failed == 0 ? "applied, all clean" : "applied with problems to review";
        writeSummary(job, run, actions, done, outcome, true);
        out.println(job.name() + " run " + run.runId() + ": " + outcome);
        out.printf("  %d requests: %d applied, %d failed; %d changes carried out by Entra's group licensing; took %s%n",
                done.size() - byEntra, applied, failed, byEntra, WriteRateLimiter.describe(Duration.between(started, clock.now())));
        for (ApplyRequest r : done) {
            if (r.status() == ApplyStatus.FAILED) {
                out.println("  FAILED " + r.user() + " " + String.join(" ", r.actionKeys()) + ": " + r.code() + " " + r.message());
            }
        }
        out.println("  Per user: " + csv);
        return new ApplyReport(failed == 0 ? ApplyReport.CLEAN : ApplyReport.PROBLEMS, run.runId(), done.size(), applied,
                failed, byEntra, batches.size(), csv, null);
    }

    private static final Comparator<ApplyRequest> BATCH_ORDER =
            Comparator.comparingInt(ApplyRequest::batch).thenComparingInt(ApplyRequest::seq);

    /**
     * The PLANNED requests of the lowest batch number, taken out of {@code planned}: a throttled
     * request goes out again before any later batch, so removals stay ahead of assignments.
     */
    private static List<ApplyRequest> nextBatch(NavigableSet<ApplyRequest> planned) {
        List<ApplyRequest> batch = new ArrayList<>();
        while (!planned.isEmpty() && batch.size() < BatchContent.MAX_REQUESTS
                && (batch.isEmpty() || planned.first().batch() == batch.get(0).batch())) {
            batch.add(planned.pollFirst());
        }
        return batch;
    }

    /** Sends one batch and records its answers; returns the requests that go out again. */
    private List<ApplyRequest> sendBatch(JobDefinition job, PublishedRuns.PublishedRun run, GraphGateway graph,
                                         WriteRateLimiter limiter, List<ApplyRequest> batch,
                                         Map<Integer, ApplyRequest> bySeq) {
        limiter.acquire(batch.size());
        hooks.at(ApplyHooks.Point.BEFORE_PENDING);
        store.pending(job.name(), run.runId(), batch, clock.now());
        for (ApplyRequest r : batch) {
            bySeq.put(r.seq(), new ApplyRequest(r.seq(), r.batch(), r.user(), r.actionKeys(), r.body(), ApplyStatus.PENDING,
                    r.attempts() + 1, r.code(), r.message()));
        }
        hooks.at(ApplyHooks.Point.AFTER_PENDING);
        List<SubRequest> subRequests = new ArrayList<>();
        for (ApplyRequest r : batch) {
            subRequests.add(new SubRequest(Integer.toString(r.seq()), "POST", r.url(), r.body()));
        }
        List<SubResponse> answers;
        try {
            answers = graph.batch(subRequests);
        } catch (GraphException e) {
            limiter.sent(batch.size());
            if (e.status() >= 400 && e.status() < 500 && e.status() != 429) {
                // Graph refused the batch as a whole: none of its requests ran.
                List<ApplyRequest> back = new ArrayList<>();
                for (ApplyRequest r : batch) {
                    ApplyRequest b = bySeq.get(r.seq()).with(ApplyStatus.PLANNED, e.code(), e.getMessage());
                    bySeq.put(r.seq(), b);
                    back.add(b);
                }
                store.record(job.name(), run.runId(), back, clock.now());
            }
            throw e;
        }
        limiter.sent(batch.size());
        hooks.at(ApplyHooks.Point.AFTER_RESPONSE);
        Duration wait = Duration.ZERO;
        List<ApplyRequest> outcomes = new ArrayList<>();
        for (SubResponse a : answers) {
            ApplyRequest r = bySeq.get(Integer.parseInt(a.id()));
            if (r == null) {
                continue;
            }
            ApplyRequest outcome;
            if (a.succeeded()) {
                outcome = r.with(ApplyStatus.APPLIED, null, null);
            } else if (a.status() == 429 || a.status() == 424) {
                // Throttled, or its dependency failed: not carried out; goes out again.
                wait = a.retryAfter().compareTo(wait) > 0 ? a.retryAfter() : wait;
                outcome = retryOrGiveUp(r, a.code(), a.message());
            } else if (a.status() == 0 || a.status() >= 500 || a.status() == 401) {
                // Graph may or may not have carried it out: look before sending it again.
                outcome = verify(graph, r) ? r.with(ApplyStatus.APPLIED, "VERIFIED", "In effect after Graph answered "
                        + a.status() + " " + a.code()) : retryOrGiveUp(r, a.code(), a.message());
            } else {
                outcome = r.with(ApplyStatus.FAILED, a.code(), a.message());
            }
            bySeq.put(r.seq(), outcome);
            outcomes.add(outcome);
        }
        store.record(job.name(), run.runId(), outcomes, clock.now());
        hooks.at(ApplyHooks.Point.AFTER_RECORD);
        if (!wait.isZero()) {
            out.println("  Graph asked to wait " + wait.toSeconds() + " s (429 Too Many Requests); waiting.");
            clock.sleep(wait);
        }
        return outcomes.stream().filter(r -> r.status() == ApplyStatus.PLANNED).toList();
    }

    private static ApplyRequest retryOrGiveUp(ApplyRequest r, String code, String message) {
        if (r.attempts() >= MAX_ATTEMPTS) {
            return r.with(ApplyStatus.FAILED, code, "Given up after " + r.attempts() + " attempts: " + message
                    + " Run the job again later and apply that run.");
        }
        return r.with(ApplyStatus.PLANNED, code, message);
    }

    /** Settles every request a crash left PENDING: applied if in effect, else planned to go out again. */
    private void verifyPending(JobDefinition job, PublishedRuns.PublishedRun run, GraphGateway graph,
                               Map<Integer, ApplyRequest> bySeq) {
        List<ApplyRequest> pending = sorted(bySeq).stream().filter(r -> r.status() == ApplyStatus.PENDING).toList();
        if (pending.isEmpty()) {
            return;
        }
        out.println("  " + pending.size() + " requests were sent or about to be when the last apply stopped; checking "
                + "the users' licenses before sending any of them again.");
        for (ApplyRequest r : pending) {
            ApplyRequest outcome = verify(graph, r)
                    ? r.with(ApplyStatus.APPLIED, "VERIFIED", "In effect when the interrupted apply resumed.")
                    : r.with(ApplyStatus.PLANNED, r.code(), r.message());
            bySeq.put(r.seq(), outcome);
            store.record(job.name(), run.runId(), List.of(outcome), clock.now());
        }
    }

    /** Whether the request's change is in effect: every added license direct with its disabled plans, every removed one gone. */
    static boolean inEffect(String body, UserLicenses now) {
        if (!now.exists()) {
            return false;
        }
        JsonObject b = JsonParser.parseString(body).getAsJsonObject();
        for (JsonElement e : b.getAsJsonArray("addLicenses")) {
            JsonObject add = e.getAsJsonObject();
            UserLicenses.Path direct = now.direct(add.get("skuId").getAsString());
            if (direct == null) {
                return false;
            }
            Set<String> wanted = UserLicenses.lower(new HashSet<>(GraphClient.strings(add.getAsJsonArray("disabledPlans"))));
            if (!direct.disabledPlans().equals(wanted)) {
                return false;
            }
        }
        for (JsonElement e : b.getAsJsonArray("removeLicenses")) {
            if (now.direct(e.getAsString()) != null) {
                return false;
            }
        }
        return true;
    }

    private static boolean verify(GraphGateway graph, ApplyRequest r) {
        return inEffect(r.body(), graph.licenses(r.user()));
    }

    private String staleness(JobDefinition job, PublishedRuns.PublishedRun run, ApplyOptions options) {
        Instant planned = run.startedAt();
        Instant taken = SnapshotInfo.takenAt(job.input());
        if (taken != null && planned != null && taken.isBefore(planned)) {
            planned = taken;
        }
        if (planned == null) {
            return null;
        }
        Duration age = Duration.between(planned, clock.now());
        if (age.compareTo(options.maxPlanAge()) <= 0) {
            return null;
        }
        return "Run " + run.runId() + " of " + job.name() + " was planned from tenant data of " + planned + ", "
                + WriteRateLimiter.describe(age) + " ago, older than the job's maxPlanAge of "
                + WriteRateLimiter.describe(options.maxPlanAge()) + ": the tenant may have changed since, so nothing was "
                + "sent. Take a new snapshot (snapshot " + job.name() + "), run " + job.name() + " again and apply that "
                + "run; or raise maxPlanAge in the job file if this plan is still right.";
    }

    private static String guard(JobDefinition job, List<ActionRow> actions, ApplyOptions options) {
        if (job.type() == JobType.BULK_IMPORT) {
            return null;
        }
        long unassigns = actions.stream().filter(a -> a.operation() == Operation.UNASSIGN).count();
        int max = options.maxUnassign() != null ? options.maxUnassign() : job.policies().maxUnassign();
        if (unassigns <= max) {
            return null;
        }
        return "Apply stopped by the accidental-removal guard: the run would unassign " + unassigns + " licenses, more "
                + "than the job's maxUnassign of " + max + ". Nothing was sent. Check the run's actions.csv; if the "
                + "removals are intended, apply again with --max-unassign " + unassigns + " (this apply only) or raise "
                + "policies.maxUnassign in the job file of " + job.name() + ".";
    }

    private ApplyReport dryRun(JobDefinition job, PublishedRuns.PublishedRun run, List<ApplyRequest> requests) {
        BatchContent content = new GraphHttp(properties).dryRunContent();
        StringBuilder text = new StringBuilder();
        text.append("# Dry run of apply ").append(job.name()).append(" run ").append(run.runId())
                .append(": the requests it would send, in order. Nothing was sent.\n");
        Map<Integer, List<ApplyRequest>> batches = new TreeMap<>();
        for (ApplyRequest r : requests) {
            if (r.status() == ApplyStatus.PLANNED || r.status() == ApplyStatus.PENDING) {
                batches.computeIfAbsent(r.batch(), k -> new ArrayList<>()).add(r);
            }
        }
        batches.forEach((n, batch) -> {
            List<SubRequest> subs = batch.stream()
                    .map(r -> new SubRequest(Integer.toString(r.seq()), "POST", r.url(), r.body())).toList();
            text.append("\n# batch ").append(n).append(": ").append(batch.size()).append(" users\n");
            text.append("POST ").append(properties.baseUrl()).append("/$batch\n");
            text.append(content.json(subs)).append('\n');
        });
        for (ApplyRequest r : requests) {
            if (r.status() == ApplyStatus.BY_ENTRA || r.status() == ApplyStatus.FAILED) {
                text.append("\n# not sent: ").append(r.user()).append(' ').append(String.join(" ", r.actionKeys()))
                        .append(": ").append(r.status() == ApplyStatus.BY_ENTRA ? "" : r.code() + " ").append(r.message())
                        .append('\n');
            }
        }
        Path file = run.folder().resolve(DRY_RUN_FILE);
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        out.print(text);
        int sent = batches.values().stream().mapToInt(List::size).sum();
        Duration planned = WriteRateLimiter.plannedDuration(sent, properties.writesPerWindow(), properties.writeWindow());
        out.println("# " + sent + " requests in " + batches.size() + " batches" + (planned.isZero() ? ""
                + "" : ", at least " + WriteRateLimiter.describe(planned) + " under Graph's write limit")
                + "; written to " + file);
        return new ApplyReport(ApplyReport.CLEAN, run.runId(), sent, 0, count(requests, ApplyStatus.FAILED),
                count(requests, ApplyStatus.BY_ENTRA), batches.size(), file, null);
    }

    private void progress(Map<Integer, ApplyRequest> bySeq, Instant started) {
        List<ApplyRequest> all = sorted(bySeq);
        long settled = all.stream().filter(r -> r.status().settled()).count();
        long left = all.size() - settled;
        Duration elapsed = Duration.between(started, clock.now());
        Duration limit = WriteRateLimiter.plannedDuration((int) left, properties.writesPerWindow(), properties.writeWindow());
        Duration measured = settled == 0 ? Duration.ZERO : elapsed.multipliedBy(left).dividedBy(settled);
        Duration rest = measured.compareTo(limit) > 0 ? measured : limit;
        out.println("  " + settled + " of " + all.size() + " requests done; about " + WriteRateLimiter.describe(rest) + " left");
    }

    /**
     * The apply section of the run's summary.html: per product action of actions.csv how many of its
     * users' changes are applied, failed, left to Entra or not done yet, and the failed requests.
     * The start is the first attempt's (LR_APPLY_RUN), so a resumed apply shows its whole span.
     */
    private void writeSummary(JobDefinition job, PublishedRuns.PublishedRun run, List<ActionRow> actions,
                              List<ApplyRequest> requests, String outcome, boolean complete) {
        Map<String, ApplyRequest> byAction = byAction(requests);
        Map<String, int[]> counts = new LinkedHashMap<>();
        Map<String, ActionRow> first = new HashMap<>();
        for (ActionRow a : actions) {
            String action = a.batch() + "|" + a.key() + "|" + String.join(";", a.disabledPlans());
            first.putIfAbsent(action, a);
            int[] c = counts.computeIfAbsent(action, k -> new int[5]);
            c[0]++;
            ApplyRequest r = byAction.get(a.user().toLowerCase(Locale.ROOT) + "|" + a.key());
            ApplyStatus status = r == null ? ApplyStatus.PLANNED : r.status();
            c[switch (status) {
                case APPLIED -> 1;
                case FAILED -> 2;
                case BY_ENTRA -> 3;
                case PLANNED, PENDING -> 4;
            }]++;
        }
        List<ApplySummary.Action> rows = new ArrayList<>();
        counts.forEach((action, c) -> {
            ActionRow a = first.get(action);
            rows.add(new ApplySummary.Action(a.batch(), a.sku(), a.operation().name(), c[0], c[1], c[2], c[3], c[4]));
        });
        List<ApplySummary.Failure> failures = requests.stream().filter(r -> r.status() == ApplyStatus.FAILED)
                .limit(ApplySummary.MAX_FAILURES_SHOWN)
                .map(r -> new ApplySummary.Failure(r.user(), String.join(" ", r.actionKeys()), r.code(), r.message()))
                .toList();
        int failed = count(requests, ApplyStatus.FAILED);
        int byEntra = count(requests, ApplyStatus.BY_ENTRA);
        int open = (int) requests.stream().filter(r -> !r.status().settled()).count();
        Instant started = store.run(job.name(), run.runId()).map(ApplyStore.ApplyRun::startedAt).orElse(null);
        ApplySummary figures = new ApplySummary(outcome, complete, started, clock.now(), requests.size() - byEntra,
                count(requests, ApplyStatus.APPLIED), failed, byEntra, open, rows, failures, failed - failures.size());
        Path file = run.folder().resolve(HtmlSummaryWriter.SUMMARY);
        try {
            summary.writeApply(file, figures);
        } catch (IOException e) {
            // apply.csv and LR_APPLY hold the outcome; a summary that could not be updated is only reported.
            err.println("Could not add the apply to " + file + ": " + e.getMessage());
        }
    }

    private static Map<String, ApplyRequest> byAction(List<ApplyRequest> requests) {
        Map<String, ApplyRequest> byAction = new HashMap<>();
        for (ApplyRequest r : requests) {
            for (String key : r.actionKeys()) {
                byAction.put(r.user().toLowerCase(Locale.ROOT) + "|" + key, r);
            }
        }
        return byAction;
    }

    /** apply.csv: one row per row of actions.csv, with what became of it. */
    private Path writeApplyCsv(PublishedRuns.PublishedRun run, List<ActionRow> actions, List<ApplyRequest> requests) {
        Map<String, ApplyRequest> byAction = byAction(requests);
        Path file = run.folder().resolve(APPLY_CSV);
        Path temp = run.folder().resolve(APPLY_CSV + ".tmp");
        try (CsvRowWriter w = CsvRowWriter.create(temp)) {
            w.row("batch", "sku", "operation", "disabledPlans", "user", "outcome", "code", "message", "applyBatch");
            for (ActionRow a : actions) {
                ApplyRequest r = byAction.get(a.user().toLowerCase(Locale.ROOT) + "|" + a.key());
                w.row(Integer.toString(a.batch()), a.sku(), a.operation().name(), String.join(";", a.disabledPlans()), a.user(),
                        r == null ? "" : r.status().name(), r == null || r.code() == null ? "" : r.code(),
                        r == null || r.message() == null ? "" : r.message(), r == null ? "" : Integer.toString(r.batch()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        try {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    private ApplyReport refuse(String runId, String message) {
        err.println(message);
        return ApplyReport.refused(runId, message);
    }

    private static List<ApplyRequest> sorted(Map<Integer, ApplyRequest> bySeq) {
        return bySeq.values().stream().sorted(Comparator.comparingInt(ApplyRequest::seq)).toList();
    }

    private static int count(List<ApplyRequest> requests, ApplyStatus status) {
        return (int) requests.stream().filter(r -> r.status() == status).count();
    }
}
