package dev.licensereconciler.ingest;

import dev.licensereconciler.domain.Catalog;
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

    /** The built-in catalog, {@code classpath:reference/catalog.csv}. */
    public static Catalog builtinCatalog() {
        return catalogResource(BUILTIN_CATALOG);
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
