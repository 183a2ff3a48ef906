package dev.licensereconciler;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layers of docs/ARCHITECTURE.md, held: the domain core is plain Java, the readers and writers
 * around it know only the domain, and each framework stays in the one package that adapts it.
 * A new package gets its rule here when it is added.
 */
class ArchitectureTest {

    private static final String ROOT = "dev.licensereconciler";
    private static JavaClasses product;

    @BeforeAll
    static void importProductClasses() {
        product = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    private static String pkg(String name) {
        return ROOT + "." + name + "..";
    }

    @Test
    void theDomainDependsOnNothingButTheJdk() {
        check(classes().that().resideInAPackage(pkg("domain"))
                .should().onlyDependOnClassesThat().resideInAnyPackage(pkg("domain"), "java.."));
    }

    @Test
    void ingestKnowsOnlyTheDomainAndOpencsv() {
        check(classes().that().resideInAPackage(pkg("ingest"))
                .should().onlyDependOnClassesThat().resideInAnyPackage(pkg("ingest"), pkg("domain"), "java..",
                        "com.opencsv.."));
    }

    @Test
    void reportKnowsOnlyTheDomainAndItsTemplates() {
        check(classes().that().resideInAPackage(pkg("report"))
                .should().onlyDependOnClassesThat().resideInAnyPackage(pkg("report"), pkg("domain"), "java..",
                        "org.thymeleaf.."));
    }

    @Test
    void jobFilesKnowOnlyTheDomain() {
        check(noClasses().that().resideInAPackage(pkg("job"))
                .should().dependOnClassesThat().resideInAnyPackage(pkg("ingest"), pkg("report"), pkg("mail"),
                        pkg("batch"), pkg("schedule"), pkg("cli"), "org.springframework.."));
    }

    /** A mail delivers a report: it attaches shortfall.csv and renders its HTML with the report's templates. */
    @Test
    void mailKnowsOnlyTheDomainAndTheReports() {
        check(noClasses().that().resideInAPackage(pkg("mail"))
                .should().dependOnClassesThat().resideInAnyPackage(pkg("ingest"), pkg("job"),
                        pkg("batch"), pkg("schedule"), pkg("cli"), "org.springframework.batch.."));
    }

    @Test
    void springBatchIsUsedInTheBatchPackageOnly() {
        check(noClasses().that().resideOutsideOfPackage(pkg("batch"))
                .should().dependOnClassesThat().resideInAPackage("org.springframework.batch.."));
    }

    @Test
    void quartzSchedulesInTheSchedulePackageOnly() {
        check(noClasses().that().resideOutsideOfPackages(pkg("schedule"), pkg("job"))
                .should().dependOnClassesThat().resideInAPackage("org.quartz.."));
        // A job file's cron is checked with Quartz's own syntax; nothing else of Quartz is used there.
        check(noClasses().that().resideInAPackage(pkg("job"))
                .should().dependOnClassesThat(resideInAPackage("org.quartz..")
                        .and(not(name("org.quartz.CronExpression")))));
    }

    @Test
    void theGraphConnectorIsAnAdapterAtTheEdge() {
        check(noClasses().that().resideInAPackage(pkg("graph"))
                .should().dependOnClassesThat().resideInAnyPackage(pkg("batch"), pkg("schedule"), pkg("cli"),
                        pkg("mail"), "org.springframework.batch.."));
        check(noClasses().that().resideOutsideOfPackages(pkg("graph"), pkg("cli"))
                .should().dependOnClassesThat().resideInAPackage(pkg("graph")));
        check(noClasses().that().resideOutsideOfPackage(pkg("graph"))
                .should().dependOnClassesThat().resideInAnyPackage("com.microsoft..", "com.azure..", "okhttp3.."));
    }

    /** Health and metrics read the runs and the scheduler through batch and schedule, never Spring Batch or Quartz. */
    @Test
    void monitoringReadsRunsAndTheSchedulerThroughTheirPackages() {
        check(noClasses().that().resideInAPackage(pkg("monitor"))
                .should().dependOnClassesThat().resideInAnyPackage(pkg("cli"), pkg("graph"), pkg("ingest"), pkg("report"),
                        pkg("mail"), "org.springframework.batch..", "org.quartz.."));
        check(noClasses().that().resideOutsideOfPackages(pkg("monitor"), pkg("cli"))
                .should().dependOnClassesThat().resideInAPackage(pkg("monitor")));
    }

    @Test
    void packagesFormNoCycles() {
        check(slices().matching(ROOT + ".(*)..").should().beFreeOfCycles());
    }

    private static void check(ArchRule rule) {
        rule.check(product);
    }
}
