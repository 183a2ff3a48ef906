package dev.licensereconciler.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The compact user table and license storage behave as the plain maps and lists they replace. */
class TenantSnapshotTest {

    private static TenantSnapshot.Builder builder() {
        return TenantSnapshot.builder(TestTenant.catalog(), ExampleTenant.planRules(
                ExampleTenant.dir("basic").resolve("input/service-plan-rules.csv")));
    }

    private static TenantUser user(String upn, String objectId) {
        return new TenantUser(upn, "Name " + upn, objectId, false, false, "NL");
    }

    @Test
    void findsUsersByUpnInAnyCasingAndWithSurroundingBlanks() {
        TenantSnapshot.Builder b = builder();
        assertThat(b.addUser(user("Ann@Contoso.example", ""))).isEqualTo(0);
        assertThat(b.addUser(user("bob@contoso.example", null))).isEqualTo(1);
        assertThat(b.addUser(user("ANN@contoso.EXAMPLE", ""))).isEqualTo(-1);
        assertThat(b.addUser(user(" ann@contoso.example ", ""))).isEqualTo(-1);
        TenantSnapshot s = b.build();
        assertThat(s.userIndex("ann@contoso.example")).isEqualTo(0);
        assertThat(s.userIndex("  BOB@CONTOSO.EXAMPLE\t")).isEqualTo(1);
        assertThat(s.userIndex("carl@contoso.example")).isEqualTo(-1);
        assertThat(s.userIndex(null)).isEqualTo(-1);
        assertThat(s.userIndex("")).isEqualTo(-1);
        assertThat(s.user(0)).isEqualTo(user("Ann@Contoso.example", ""));
        assertThat(s.upn(1)).isEqualTo("bob@contoso.example");
    }

    @Test
    void displayNamesKeepTheirText() {
        TenantSnapshot.Builder b = builder();
        List<String> names = List.of("", "Ann Smith", "Zoë Müller", "李雷", "emoji \uD83D\uDE00", "lone \uD800 surrogate");
        for (int i = 0; i < names.size(); i++) {
            b.addUser(new TenantUser("u" + i + "@contoso.example", names.get(i), "", i % 2 == 0, i % 3 == 0, "NL"));
        }
        TenantSnapshot s = b.build();
        for (int i = 0; i < names.size(); i++) {
            assertThat(s.user(i)).isEqualTo(new TenantUser("u" + i + "@contoso.example", names.get(i), "", i % 2 == 0,
                    i % 3 == 0, "NL"));
        }
    }

    @Test
    void nonAsciiKeysFoldAsStringToLowerCase() {
        TenantSnapshot.Builder b = builder();
        b.addUser(user("ÄNNE@contoso.example", ""));
        b.addUser(user("İpek@contoso.example", ""));
        assertThat(b.userIndex("änne@CONTOSO.example")).isEqualTo(0);
        assertThat(b.userIndex("i\u0307pek@contoso.example")).isEqualTo(1);
        assertThat(b.userIndex("ipek@contoso.example")).isEqualTo(-1);
    }

    @Test
    void objectIdsKeepTheirTextAndFindTheirUserInAnyCasing() {
        String lower = "0f8fad5b-d9cb-469f-a165-70867728950e";
        String upper = "7C9E6679-7425-40DE-944B-E07FC1F90AE7";
        String mixed = "7c9E6679-7425-40de-944b-e07fc1f90ae8";
        String braces = "{7c9e6679-7425-40de-944b-e07fc1f90ae9}";
        String digits = "12345678-1234-1234-1234-123456789012";
        TenantSnapshot.Builder b = builder();
        List<String> ids = List.of(lower, upper, mixed, braces, digits, "not-a-guid", "", " " + lower.replace('0', '1') + " ");
        for (int i = 0; i < ids.size(); i++) {
            assertThat(b.addUser(user("u" + i + "@contoso.example", ids.get(i)))).isEqualTo(i);
        }
        TenantSnapshot s = b.build();
        for (int i = 0; i < ids.size(); i++) {
            assertThat(s.user(i).objectId()).isEqualTo(ids.get(i));
            if (!ids.get(i).isBlank()) {
                assertThat(s.userIndex(ids.get(i))).isEqualTo(i);
                assertThat(s.userIndex(ids.get(i).toUpperCase())).isEqualTo(i);
                assertThat(s.userIndex(" " + ids.get(i).toLowerCase() + " ")).isEqualTo(i);
            }
        }
        assertThat(s.userIndex("0f8fad5b-d9cb-469f-a165-70867728950f")).isEqualTo(-1);
        assertThat(s.userIndex("0f8fad5bxd9cb-469f-a165-70867728950e")).isEqualTo(-1);
    }

    @Test
    void upnAndObjectIdShareOneKeySpaceFirstComeFirstServed() {
        TenantSnapshot.Builder b = builder();
        b.addUser(user("a@contoso.example", "b@contoso.example"));
        assertThat(b.addUser(user("B@contoso.example", ""))).isEqualTo(-1);
        assertThat(b.addUser(user("c@contoso.example", "a@contoso.example"))).isEqualTo(1);
        assertThat(b.userIndex("a@contoso.example")).isEqualTo(0);
    }

    @Test
    void manyUsersStayFindable() {
        TenantSnapshot.Builder b = builder();
        int n = 50_000;
        for (int i = 0; i < n; i++) {
            String oid = String.format("%08x-0000-4000-8000-%012x", i, (long) i * 7919);
            assertThat(b.addUser(user("User" + i + "@contoso.example", oid))).isEqualTo(i);
        }
        TenantSnapshot s = b.build();
        for (int i = 0; i < n; i += 7) {
            assertThat(s.userIndex("user" + i + "@CONTOSO.example")).isEqualTo(i);
            assertThat(s.userIndex(String.format("%08X-0000-4000-8000-%012X", i, (long) i * 7919))).isEqualTo(i);
        }
    }

    @Test
    void licensesKeepTheirOrderPerUserAndASecondPathOfTheSameProductJoinsTheLicense() {
        TenantSnapshot.Builder b = builder();
        b.addUser(user("a@contoso.example", ""));
        b.addUser(user("b@contoso.example", ""));
        b.addUser(user("c@contoso.example", ""));
        assertThat(b.hasLicenses()).isFalse();
        CurrentLicense e3 = new CurrentLicense("ENTERPRISEPACK", Plans.of("SWAY"), "Sales");
        CurrentLicense ems = new CurrentLicense("EMS", Plans.none(), null);
        assertThat(b.addLicense(2, e3)).isTrue();
        assertThat(b.addLicense(0, ems)).isTrue();
        assertThat(b.addLicense(2, ems)).isTrue();
        assertThat(b.addLicense(0, new CurrentLicense("enterprisepack", Plans.none(), null))).isTrue();
        assertThat(b.addLicense(2, new CurrentLicense("enterprisePACK", Plans.none(), null))).isTrue();
        assertThat(b.addLicense(2, new CurrentLicense("ENTERPRISEPACK", Plans.none(), "Direct"))).isFalse();
        assertThat(b.hasLicenses()).isTrue();
        TenantSnapshot s = b.build();
        assertThat(s.licensesOf(0)).containsExactly(ems, new CurrentLicense("enterprisepack", Plans.none(), null));
        assertThat(s.licensesOf(1)).isEmpty();
        // Plans on through any path are on: the direct path disables none.
        CurrentLicense e3BothPaths = new CurrentLicense("ENTERPRISEPACK", Plans.none(), true, List.of("Sales"));
        assertThat(s.licensesOf(2)).containsExactly(e3BothPaths, ems);
        assertThat(s.licensesOf(3)).isEmpty();
        assertThat(s.licensesOf(2).get(1)).isEqualTo(ems);
    }
}
