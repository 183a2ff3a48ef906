package dev.licensereconciler.ingest;

import dev.licensereconciler.domain.Catalog;
import dev.licensereconciler.domain.ErrorCode;
import dev.licensereconciler.domain.PlanCoverage;
import dev.licensereconciler.domain.Problem;
import dev.licensereconciler.domain.ServicePlanRules;

import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Loads the catalog and the service-plan rules, from a file or the built-in copies on the
 * classpath. The overloads without a problem list are strict: reference data with a bad row is
 * refused as a whole, since every later check would silently depend on it.
 */
public final class ReferenceData {

    public static final String BUILTIN_CATALOG = "reference/catalog.csv";
    public static final String BUILTIN_SERVICE_PLAN_RULES = "reference/service-plan-rules.csv";

    private ReferenceData() {
    }

    public static Catalog loadCatalog(Path file) {
        return strict(file, ReferenceData::readCatalog);
    }

    public static Catalog loadCatalog(Path file, List<Problem> problems) {
        try (CsvFile f = CsvFile.open(file)) {
            return CatalogReader.read(f, problems);
        }
    }

    public static ServicePlanRules loadServicePlanRules(Path file) {
        return strict(file, ReferenceData::readRules);
    }

    public static ServicePlanRules loadServicePlanRules(Path file, List<Problem> problems) {
        try (CsvFile f = CsvFile.open(file)) {
            return ServicePlanRulesReader.read(f, problems);
        }
    }

    /** Microsoft's product renames since the built-in catalog was taken (alias,String_Id). */
    public static final String BUILTIN_DISPLAY_NAME_ALIASES = "reference/display-name-aliases.csv";

    /**
     * The built-in catalog, {@code classpath:reference/catalog.csv}, which also knows the products'
     * current names: an admin-center export names them as the admin center does today.
     */
    public static Catalog builtinCatalog() {
        return withBuiltinAliases(catalogResource(BUILTIN_CATALOG));
    }

    /** Adds the built-in product renames to a catalog (an older copy of Microsoft's file, say). */
    public static Catalog withBuiltinAliases(Catalog catalog) {
        URL url = ReferenceData.class.getClassLoader().getResource(BUILTIN_DISPLAY_NAME_ALIASES);
        if (url == null) {
            return catalog;
        }
        java.util.Map<String, String> aliases = new java.util.LinkedHashMap<>();
        try (CsvFile f = CsvFile.open(BUILTIN_DISPLAY_NAME_ALIASES, url::openStream)) {
            int alias = f.require(Column.of("alias", "name", "displayName"), "The aliases file needs columns alias and String_Id.");
            int sku = f.require(Column.of("String_Id", "sku"), "The aliases file needs columns alias and String_Id.");
            for (CsvRecord r : f) {
                if (!r.get(alias).isEmpty() && !r.get(sku).isEmpty()) {
                    aliases.put(r.get(alias), r.get(sku));
                }
            }
        }
        return catalog.withAliases(aliases);
    }

    static Catalog catalogResource(String resource) {
        return strictResource(resource, ReferenceData::readCatalog);
    }

    /** The built-in service-plan rules, {@code classpath:reference/service-plan-rules.csv}. */
    public static ServicePlanRules builtinServicePlanRules() {
        return servicePlanRulesResource(BUILTIN_SERVICE_PLAN_RULES);
    }

    static ServicePlanRules servicePlanRulesResource(String resource) {
        return strictResource(resource, ReferenceData::readRules);
    }

    /** Which service plans include which lower tiers, and which give no service of their own ({@code plan,covers}). */
    public static final String BUILTIN_PLAN_COVERAGE = "reference/plan-coverage.csv";

    /**
     * The built-in plan tiers, {@code classpath:reference/plan-coverage.csv}: a row {@code plan,lower}
     * says the plan includes the lower tier; {@code plan,*} marks a supporting plan. Strict: a bad
     * row fails the run, since every overlap found would depend on it.
     */
    public static PlanCoverage builtinPlanCoverage() {
        return strictResource(BUILTIN_PLAN_COVERAGE, f -> {
            String remedy = "The plan coverage file needs columns plan and covers.";
            int plan = f.require(Column.of("plan"), remedy);
            int covers = f.require(Column.of("covers"), remedy);
            PlanCoverage.Builder b = PlanCoverage.builder();
            List<Problem> problems = new ArrayList<>();
            for (CsvRecord r : f) {
                if (r.get(plan).isEmpty() || r.get(covers).isEmpty()) {
                    problems.add(new Problem(f.name(), r.line(), null, null, ErrorCode.INVALID_ROW,
                            "a row needs a plan and what it covers.", "Fill in both cells."));
                } else if (r.get(covers).equals("*")) {
                    b.supporting(r.get(plan));
                } else {
                    b.includes(r.get(plan), r.get(covers));
                }
            }
            return new Read<>(b.build(), problems);
        });
    }

    private record Read<T>(T value, List<Problem> problems) {
    }

    private static Read<Catalog> readCatalog(CsvFile f) {
        List<Problem> problems = new ArrayList<>();
        return new Read<>(CatalogReader.read(f, problems), problems);
    }

    private static Read<ServicePlanRules> readRules(CsvFile f) {
        List<Problem> problems = new ArrayList<>();
        return new Read<>(ServicePlanRulesReader.read(f, problems), problems);
    }

    private static <T> T strict(Path file, Function<CsvFile, Read<T>> reader) {
        try (CsvFile f = CsvFile.open(file)) {
            return valueOrFail(reader.apply(f));
        }
    }

    private static <T> T strictResource(String resource, Function<CsvFile, Read<T>> reader) {
        URL url = ReferenceData.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new InputFileException("classpath:" + resource, 0, "the built-in reference file is missing "
                    + "from the application. Rebuild the application, or name a file in the job instead "
                    + "(job keys 'catalog' and 'servicePlanRules').");
        }
        try (CsvFile f = CsvFile.open(resource, url::openStream)) {
            return valueOrFail(reader.apply(f));
        }
    }

    private static <T> T valueOrFail(Read<T> read) {
        if (!read.problems().isEmpty()) {
            Problem p = read.problems().get(0);
            throw new InputFileException(p.file(), p.line(), p.message() + " " + p.fix());
        }
        return read.value();
    }
}
