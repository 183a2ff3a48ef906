package dev.licensereconciler.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Licenses added in any user order come back per user, in the order added, one per product. */
class LicenseTableTest {

    private static CurrentLicense license(String sku, String group) {
        return new CurrentLicense(sku, Plans.none(), group);
    }

    @Test
    void licensesAddedInAnyUserOrderComeBackPerUser() {
        LicenseTable.Builder b = new LicenseTable.Builder();
        assertThat(b.isEmpty()).isTrue();
        for (int u = 99; u >= 0; u -= 3) {
            assertThat(b.add(u, license("EMS", null))).isTrue();
        }
        for (int u = 0; u < 100; u += 2) {
            assertThat(b.add(u, license("ENTERPRISEPACK", "Sales"))).isTrue();
        }
        assertThat(b.isEmpty()).isFalse();
        LicenseTable t = b.build();
        assertThat(t.of(0)).containsExactly(license("EMS", null), license("ENTERPRISEPACK", "Sales"));
        assertThat(t.of(96)).containsExactly(license("EMS", null), license("ENTERPRISEPACK", "Sales"));
        assertThat(t.of(99)).containsExactly(license("EMS", null));
        assertThat(t.of(98)).containsExactly(license("ENTERPRISEPACK", "Sales"));
        assertThat(t.of(97)).isEmpty();
        assertThat(t.of(100)).isEmpty();
        assertThat(t.of(1_000_000)).isEmpty();
    }

    @Test
    void aSecondPathOfTheSameProductInAnyCasingIsOneLicenseAndARepeatedPathIsRejected() {
        LicenseTable.Builder b = new LicenseTable.Builder();
        assertThat(b.add(0, license("EMS", null))).isTrue();
        assertThat(b.add(0, license("ems", "Sales"))).isTrue();
        assertThat(b.add(0, license("EMS", "sales"))).isFalse();
        assertThat(b.add(0, license("EMS", "Direct"))).isFalse();
        assertThat(b.add(1, license("ems", "Sales"))).isTrue();
        assertThat(b.build().of(0)).containsExactly(new CurrentLicense("EMS", Plans.none(), true, List.of("Sales")));
        assertThatThrownBy(() -> b.add(-1, license("EMS", null))).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void equalLicensesAreOneSharedObject() {
        LicenseTable.Builder b = new LicenseTable.Builder();
        b.add(0, new CurrentLicense("ENTERPRISEPACK", Plans.of("SWAY"), "Sales"));
        b.add(1, new CurrentLicense("ENTERPRISEPACK", Plans.of("SWAY"), "Sales"));
        LicenseTable t = b.build();
        assertThat(t.of(0).get(0)).isSameAs(t.of(1).get(0));
    }

    @Test
    void aUsersLicensesAreAReadOnlyList() {
        LicenseTable.Builder b = new LicenseTable.Builder();
        b.add(0, license("EMS", null));
        List<CurrentLicense> list = b.build().of(0);
        assertThatThrownBy(() -> list.add(license("X", null))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> list.get(1)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
