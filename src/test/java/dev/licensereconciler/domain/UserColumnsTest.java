package dev.licensereconciler.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The column store gives back each user as added, and finds it by UPN or object id. */
class UserColumnsTest {

    @Test
    void usersComeBackAsAdded() {
        UserColumns users = new UserColumns();
        TenantUser ann = new TenantUser("Ann@Contoso.example", "Ann Müller", "0F8FAD5B-D9CB-469F-A165-70867728950E",
                true, false, "NL");
        TenantUser bob = new TenantUser("bob@contoso.example", "鲍勃", "legacy-42", false, true, "");
        assertThat(users.add(ann)).isZero();
        assertThat(users.add(bob)).isEqualTo(1);
        assertThat(users.size()).isEqualTo(2);
        assertThat(users.get(0)).isEqualTo(ann);
        assertThat(users.get(1)).isEqualTo(bob);
        assertThat(users.upn(1)).isEqualTo("bob@contoso.example");
        assertThat(users.blocked(0)).isFalse();
        assertThat(users.blocked(1)).isTrue();
        assertThat(users.objectId(0)).isEqualTo("0F8FAD5B-D9CB-469F-A165-70867728950E");
        assertThatThrownBy(() -> users.get(2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> users.upn(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void findsByUpnOrObjectIdAsOneKey() {
        UserColumns users = new UserColumns();
        users.add(new TenantUser("ann@contoso.example", "", "0f8fad5b-d9cb-469f-a165-70867728950e", false, false, ""));
        users.add(new TenantUser("bob@contoso.example", "", "Legacy-42", false, false, ""));
        assertThat(users.find(" ANN@contoso.example ")).isZero();
        assertThat(users.find("0F8FAD5B-D9CB-469F-A165-70867728950E")).isZero();
        assertThat(users.find("legacy-42")).isEqualTo(1);
        assertThat(users.find("carl@contoso.example")).isEqualTo(-1);
        assertThat(users.find(null)).isEqualTo(-1);
        // A UPN that is already someone's object id is a duplicate key.
        assertThat(users.add(new TenantUser("LEGACY-42", "", "", false, false, ""))).isEqualTo(-1);
    }
}
