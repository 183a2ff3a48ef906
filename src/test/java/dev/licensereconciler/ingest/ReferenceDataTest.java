package dev.licensereconciler.ingest;

import dev.licensereconciler.domain.Catalog;
import dev.licensereconciler.domain.ErrorCode;
import dev.licensereconciler.domain.Problem;
import dev.licensereconciler.domain.Product;
import dev.licensereconciler.domain.ServicePlanRule;
import dev.licensereconciler.domain.ServicePlanRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReferenceDataTest {

    @TempDir
    Path dir;

    private static Path resource(String name) {
        try {
            return Path.of(ReferenceDataTest.class.getResource("/ingest/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"catalog-ms-format-cp1252.csv", "catalog-ms-format-bom.csv"})
    void microsoftCatalogFormatLoadsWithItsQuirks(String file) {
        Catalog catalog = ReferenceData.loadCatalog(resource(file));

        assertThat(catalog.size()).isEqualTo(5);
        Product e3 = catalog.product("enterprisepack").orElseThrow();
        assertThat(e3.skuId()).isEqualTo("ENTERPRISEPACK");
        assertThat(e3.plans()).extracting(p -> p.name()).containsExactly("SWAY", "TEAMS1");
        assertThat(catalog.product("6FD2C87F-B296-42F0-B197-1E91E994B900")).contains(e3);
        assertThat(catalog.productsNamed("Microsoft 365 Business Basic")).extracting(Product::skuId)
                .containsExactly("O365_BUSINESS_ESSENTIALS", "SMB_BUSINESS_ESSENTIALS");
        Product routing = catalog.product("CRM_AUTO_ROUTING_ADDON").orElseThrow();
        assertThat(routing.displayName()).isEqualTo(
                "Dynamics 365 Field Service, Enterprise Edition - Resource Scheduling Optimization");
        assertThat(routing.plans().get(0).friendlyName()).isEqualTo("Field Service \u2013 Automated Routing Engine Add-On");
        assertThat(catalog.productsNamed("Enterprise Mobility + Security E3")).hasSize(1);
    }

    @Test
    void aCatalogRowWithoutStringIdIsReportedOrRefusedWhenStrict() {
        Path f = TestFiles.utf8(dir, "catalog.csv", """
                Product_Display_Name,String_Id,GUID,Service_Plan_Name,Service_Plan_Id,Service_Plans_Included_Friendly_Names
                Office 365 E3,ENTERPRISEPACK,6fd2c87f-b296-42f0-b197-1e91e994b900,SWAY,a23b959c-7ce8-4e57-9140-b90eb88a9e97,SWAY
                Broken,,,,,
                """);
        List<Problem> problems = new ArrayList<>();
        assertThat(ReferenceData.loadCatalog(f, problems).size()).isEqualTo(1);
        assertThat(problems).extracting(Problem::line, Problem::code).containsExactly(
                org.assertj.core.groups.Tuple.tuple(3, ErrorCode.INVALID_ROW));
        assertThatThrownBy(() -> ReferenceData.loadCatalog(f)).isInstanceOf(InputFileException.class)
                .hasMessageStartingWith("catalog.csv line 3:");
    }

    @Test
    void aFileThatIsNotACatalogFailsNamingTheDownload() {
        Path f = TestFiles.utf8(dir, "catalog.csv", "sku,quantity\nEMS,1\n");
        assertThatThrownBy(() -> ReferenceData.loadCatalog(f)).isInstanceOf(InputFileException.class)
                .hasMessageContaining("required column 'Product_Display_Name'")
                .hasMessageContaining("Product names and service plan identifiers for licensing");
    }

    @Test
    void servicePlanRulesReadConflictsAndRequirementAlternatives() {
        ServicePlanRules rules = ReferenceData.loadServicePlanRules(resource("service-plan-rules.csv"));
        assertThat(rules.conflictsOf("EXCHANGE_S_DESKLESS")).containsExactly("EXCHANGE_S_STANDARD");
        assertThat(rules.requirementsOf("MCOMEETADV")).containsExactly(List.of("MCOSTANDARD", "TEAMS1"));
    }

    @Test
    void aBadRelationIsAnInvalidRow() {
        Path f = TestFiles.utf8(dir, "service-plan-rules.csv", """
                Plan,Relation,Other
                A,conflicts with,B|C
                A,EXCLUDES,B
                D,requires,
                """);
        List<Problem> problems = new ArrayList<>();
        ServicePlanRules rules = ReferenceData.loadServicePlanRules(f, problems);
        assertThat(rules.rules()).containsExactly(
                new ServicePlanRule("A", ServicePlanRule.Relation.CONFLICTS_WITH, List.of("B")),
                new ServicePlanRule("A", ServicePlanRule.Relation.CONFLICTS_WITH, List.of("C")));
        assertThat(problems).extracting(Problem::file, Problem::line, Problem::code).containsExactly(
                org.assertj.core.groups.Tuple.tuple("service-plan-rules.csv", 3, ErrorCode.INVALID_ROW),
                org.assertj.core.groups.Tuple.tuple("service-plan-rules.csv", 4, ErrorCode.INVALID_ROW));
    }

    @Test
    void builtInDataLoadsFromTheClasspathAndAMissingResourceFailsClearly() {
        assertThat(ReferenceData.servicePlanRulesResource("ingest/service-plan-rules.csv").rules()).hasSize(2);
        assertThat(ReferenceData.catalogResource("ingest/catalog-ms-format-bom.csv").size()).isEqualTo(5);
        assertThatThrownBy(() -> ReferenceData.catalogResource("reference/no-such-catalog.csv"))
                .isInstanceOf(InputFileException.class)
                .hasMessageContaining("classpath:reference/no-such-catalog.csv")
                .hasMessageContaining("built-in reference file is missing");
    }

    @Test
    void builtInCatalogKnowsTheAdminCentersCurrentProductNames() {
        Catalog catalog = ReferenceData.builtinCatalog();

        // Microsoft's 2023 file says "Azure Active Directory Premium P1"; today's admin center says Entra.
        assertThat(catalog.productsNamed("Microsoft Entra ID P1")).extracting(Product::skuId).containsExactly("AAD_PREMIUM");
        assertThat(catalog.productsNamed("Azure Active Directory Premium P1")).extracting(Product::skuId)
                .containsExactly("AAD_PREMIUM");
        assertThat(catalog.productsNamed("Office 365 E3")).extracting(Product::skuId).containsExactly("ENTERPRISEPACK");
    }

    @Test
    void usersLicensesColumnWithCurrentNamesResolves(@TempDir Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("users.csv"),
                "User principal name,Licenses,Usage location,Block credential\n"
                + "ada@contoso.example,Microsoft Entra ID P1+Office 365 E3,NL,False\n");
        java.nio.file.Files.writeString(dir.resolve("purchases.csv"), "sku,quantity\nAAD_PREMIUM,1\n");

        LoadedSnapshot loaded = new SnapshotLoader(ReferenceData.builtinCatalog(), ReferenceData.builtinServicePlanRules())
                .load(dir);

        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.snapshot().licensesOf(0)).extracting(l -> l.sku()).containsExactlyInAnyOrder("AAD_PREMIUM", "ENTERPRISEPACK");
    }
}
