package dev.licensereconciler.graph;

import dev.licensereconciler.report.HtmlSummaryWriter;
import dev.licensereconciler.domain.Catalog;
import dev.licensereconciler.domain.Policies;
import dev.licensereconciler.domain.Product;
import dev.licensereconciler.domain.ServicePlan;
import dev.licensereconciler.graph.emulator.GraphEmulator;
import dev.licensereconciler.ingest.ReferenceData;
import dev.licensereconciler.job.JobDefinition;
import dev.licensereconciler.job.JobType;
import dev.licensereconciler.job.MailSettings;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A Graph emulator, a database migrated by the product's own Flyway scripts, and published run
 * folders: what an apply meets in production, with the tenant on loopback.
 */
final class ApplyFixture implements AutoCloseable {

    final GraphEmulator emulator = GraphEmulator.start();
    final Catalog catalog = ReferenceData.builtinCatalog();
    final JdbcTemplate jdbc;
    final ApplyStore store;
    final Path root;
    final Map<String, String> userIds = new LinkedHashMap<>();
    final ByteArrayOutputStream console = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8);
    final String vendor;

    /** On H2 in memory. */
    static ApplyFixture onH2(Path root) {
        return new ApplyFixture(root, "jdbc:h2:mem:apply-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", "h2");
    }

    ApplyFixture(Path root, String url, String user, String password, String vendor) {
        this.root = root;
        this.vendor = vendor;
        DriverManagerDataSource ds = new DriverManagerDataSource(url, user, password);
        Flyway.configure().dataSource(ds).locations("classpath:db/migration/" + vendor).load().migrate();
        this.jdbc = new JdbcTemplate(ds);
        this.store = new ApplyStore(jdbc, new TransactionTemplate(new DataSourceTransactionManager(ds)));
    }

    /** Subscribes the tenant to a catalog product with this many enabled units; returns its GUID. */
    String sku(String stringId, int units) {
        Product p = catalog.product(stringId).orElseThrow();
        Map<String, String> plans = new LinkedHashMap<>();
        for (ServicePlan plan : p.plans()) {
            plans.put(plan.name(), plan.id());
        }
        return emulator.tenant().addSku(p.skuId(), p.guid(), plans, units, 0, 0, 0, "Enabled", "User");
    }

    String guid(String stringId) {
        return catalog.product(stringId).orElseThrow().guid();
    }

    String planId(String name) {
        return catalog.plan(name).orElseThrow().id();
    }

    String user(String upn) {
        String id = emulator.tenant().addUser(upn, "Member", true, "NL", "Sales", "Netherlands");
        userIds.put(upn, id);
        return id;
    }

    GraphProperties properties() {
        return GraphProperties.of(emulator.tenantId(), emulator.clientId(), emulator.clientSecret(),
                        emulator.graphBaseUrl(), emulator.authorityHost())
                .withScope("https://graph.microsoft.com/.default")
                .withTrustStore(emulator.trustStore(), new String(emulator.trustStorePassword()));
    }

    JobDefinition job(String name) {
        return new JobDefinition(name, JobType.RECONCILE, null, root.resolve("input"), null, null, null,
                root.resolve("out"), Policies.defaults(), MailSettings.disabled(), null);
    }

    /** Publishes a run of the job with this actions.csv, as RunJobFactory records one. */
    Path publish(JobDefinition job, String runId, Instant startedAt, List<String> actionLines) throws IOException {
        Path folder = job.output().resolve(job.name()).resolve(runId);
        Files.createDirectories(folder);
        StringBuilder csv = new StringBuilder("batch,sku,operation,disabledPlans,user\n");
        actionLines.forEach(l -> csv.append(l).append('\n'));
        Files.writeString(folder.resolve("actions.csv"), csv);
        jdbc.update("INSERT INTO LR_RUN (JOB_NAME, RUN_ID, JOB_TYPE, STARTED_AT, PUBLISHED_AT, OUTPUT_PATH) VALUES "
                        + "(?, ?, 'reconcile', ?, ?, ?)", job.name(), runId, Timestamp.from(startedAt),
                Timestamp.from(startedAt.plusSeconds(5)), folder.toString());
        return folder;
    }

    GraphApply apply(GraphProperties properties, ApplyHooks hooks, ApplyClock clock) {
        GraphHttp http = new GraphHttp(properties);
        return new GraphApply(new PublishedRuns(jdbc), store, () -> http.client(http.accessTokens()),
                job -> TenantGroupPaths.forFolder(job.input()), properties, clock, hooks,
                new HtmlSummaryWriter(), out, out);
    }

    GraphApply apply() {
        return apply(properties(), ApplyHooks.NONE, ApplyClock.SYSTEM);
    }

    String console() {
        return console.toString(StandardCharsets.UTF_8);
    }

    int executions(String upn) {
        return emulator.requests().assignLicenseExecutions(userIds.get(upn));
    }

    @Override
    public void close() {
        emulator.close();
    }
}
