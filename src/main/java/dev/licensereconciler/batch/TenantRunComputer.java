package dev.licensereconciler.batch;

import dev.licensereconciler.domain.BulkImporter;
import dev.licensereconciler.domain.Catalog;
import dev.licensereconciler.domain.InactivityNotices;
import dev.licensereconciler.domain.ManagedLicenses;
import dev.licensereconciler.domain.Problem;
import dev.licensereconciler.domain.PlanCoverage;
import dev.licensereconciler.domain.ReconciliationResult;
import dev.licensereconciler.domain.Savings;
import dev.licensereconciler.domain.SavingsAnalysis;
import dev.licensereconciler.domain.Reconciler;
import dev.licensereconciler.domain.ServicePlanRules;
import dev.licensereconciler.ingest.InputFileException;
import dev.licensereconciler.ingest.LoadedRequests;
import dev.licensereconciler.ingest.LoadedSnapshot;
import dev.licensereconciler.ingest.ReferenceData;
import dev.licensereconciler.ingest.SnapshotLoader;
import dev.licensereconciler.job.JobDefinition;
import dev.licensereconciler.job.JobType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads one tenant folder and applies the rules: the whole of a run's thinking, with the
 * database and files left to the steps. Reference files named by a job are read leniently (a
 * bad row of Microsoft's catalog is reported, not fatal); the built-in ones are loaded once.
 */
public final class TenantRunComputer {

    private static final Logger log = LoggerFactory.getLogger("license-reconciler.progress");

    /** Null where no database is at hand (the benchmark's engine-only timing): no record is kept. */
    private final ManagedLicenseRecord record;
    private volatile Catalog builtinCatalog;
    private volatile ServicePlanRules builtinRules;
    private volatile PlanCoverage planCoverage;

    public TenantRunComputer() {
        this(null);
    }

    TenantRunComputer(ManagedLicenseRecord record) {
        this.record = record;
    }

    public ComputedRun compute(JobDefinition job, String runId) {
        return compute(job, runId, InactivityNotices.none());
    }

    /** {@code notices}: what the job's last published run said it would reclaim for inactivity. */
    public ComputedRun compute(JobDefinition job, String runId, InactivityNotices notices) {
        long t0 = System.nanoTime();
        List<Problem> problems = new ArrayList<>();
        Catalog catalog = job.catalog() == null ? builtinCatalog()
                : ReferenceData.withBuiltinAliases(ReferenceData.loadCatalog(job.catalog(), problems));
        ServicePlanRules rules = job.servicePlanRules() == null ? builtinRules()
                : ReferenceData.loadServicePlanRules(job.servicePlanRules(), problems);
        if (!Files.isDirectory(job.input())) {
            throw new InputFileException(job.input().toString(), 0, "the input folder does not exist. "
                    + "Put the tenant's exports (users.csv, purchases.csv, …) there, or pass --input DIR.");
        }
        LoadedSnapshot loaded = new SnapshotLoader(catalog, rules).load(job.input());
        problems.addAll(loaded.problems());
        long t1 = System.nanoTime();
        ReconciliationResult result;
        Savings savings = null;
        if (job.type() == JobType.BULK_IMPORT) {
            if (!Files.isRegularFile(job.requestsFile())) {
                throw new InputFileException(job.requestsFile().getFileName().toString(), 0,
                        "the bulk import's requests file is missing. Put it in " + job.input()
                                + " or name it with the job key 'requests'.");
            }
            LoadedRequests requests = new SnapshotLoader(catalog, rules).loadRequests(job.requestsFile(), loaded.snapshot());
            problems.addAll(requests.problems());
            result = new BulkImporter(job.policies()).run(loaded.snapshot(), requests.requests());
        } else {
            ManagedLicenses managed = record == null ? ManagedLicenses.none()
                    : record.load(job.name(), runId, loaded.snapshot());
            result = new Reconciler(job.policies()).reconcile(loaded.snapshot(), managed, notices);
            savings = SavingsAnalysis.of(loaded.snapshot(), result, planCoverage());
        }
        long readMillis = (t1 - t0) / 1_000_000;
        long reconcileMillis = (System.nanoTime() - t1) / 1_000_000;
        int users = loaded.snapshot().userCount();
        log.info("read {}: {} users, {} input problems in {} s; reconciled: {} product actions, {} results, {} refusals in {} s",
                job.input(), users, problems.size(), seconds(readMillis), result.actions().size(), result.results().size(),
                result.refusals().size(), seconds(reconcileMillis));
        return ComputedRun.of(job, runId, users, problems, result, savings, readMillis, reconcileMillis);
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f", millis / 1000.0);
    }

    private PlanCoverage planCoverage() {
        PlanCoverage c = planCoverage;
        if (c == null) {
            c = ReferenceData.builtinPlanCoverage();
            planCoverage = c;
        }
        return c;
    }

    private Catalog builtinCatalog() {
        Catalog c = builtinCatalog;
        if (c == null) {
            c = ReferenceData.builtinCatalog();
            builtinCatalog = c;
        }
        return c;
    }

    private ServicePlanRules builtinRules() {
        ServicePlanRules r = builtinRules;
        if (r == null) {
            r = ReferenceData.builtinServicePlanRules();
            builtinRules = r;
        }
        return r;
    }
}
