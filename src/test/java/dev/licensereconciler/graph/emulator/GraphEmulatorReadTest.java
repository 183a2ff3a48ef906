package dev.licensereconciler.graph.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.licensereconciler.graph.emulator.EmulatorClient.Response;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GraphEmulatorReadTest extends SignedInEmulatorTest {

    private static final String E3 = "6fd2c87f-b296-42f0-b197-1e91e994b900";
    private static final String EXCHANGE = "efb87545-963c-4e0d-99df-69c6916d9eb0";
    private static final String TEAMS = "57ff2da0-773e-42df-b2af-ffb7a2317929";


    @Test
    @SuppressWarnings("unchecked")
    void pagesOverTwoThousandFiveHundredUsersWithTop999() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            created.add(emu.tenant().addUser("user" + i + "@contoso.example", "Member", true, "DE", "Sales", "DE"));
        }
        List<Integer> pageSizes = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        String next = "/users?$select=id,userPrincipalName,assignedLicenses&$top=999";
        while (next != null) {
            Response page = client.get(next);
            assertThat(page.status()).isEqualTo(200);
            List<Map<String, Object>> value = (List<Map<String, Object>>) page.json().get("value");
            pageSizes.add(value.size());
            for (Map<String, Object> user : value) {
                seen.add((String) user.get("id"));
                assertThat(user).containsOnlyKeys("id", "userPrincipalName", "assignedLicenses");
            }
            next = (String) page.json().get("@odata.nextLink");
            if (next != null) {
                assertThat(next).startsWith(emu.graphBaseUrl() + "/users?").contains("$skiptoken=")
                        .contains("$select=");
            }
        }
        assertThat(pageSizes).containsExactly(999, 999, 502);
        assertThat(seen).containsExactlyElementsOf(created);
    }

    @Test
    void defaultPageIsOneHundredAndDefaultPropertiesOmitLicensing() {
        for (int i = 0; i < 150; i++) {
            emu.tenant().addUser("u" + i + "@contoso.example", "Member", true, "DE", "Sales", "DE");
        }
        Response page = client.get("/users");
        assertThat((List<?>) page.json().get("value")).hasSize(100);
        assertThat(page.json().get("@odata.context")).isEqualTo(emu.graphBaseUrl() + "/$metadata#users");
        @SuppressWarnings("unchecked")
        Map<String, Object> first = ((List<Map<String, Object>>) page.json().get("value")).get(0);
        assertThat(first).containsKeys("id", "userPrincipalName", "displayName", "businessPhones")
                .doesNotContainKeys("assignedLicenses", "usageLocation", "accountEnabled");
    }

    @Test
    void refusesPageSizesOutsideGraphsBoundsAndForeignSkipTokens() {
        Response tooLarge = client.get("/users?$top=1000");
        assertThat(tooLarge.status()).isEqualTo(400);
        assertThat(tooLarge.error().get("message"))
                .isEqualTo("Invalid page size specified: '1000'. Must be between 1 and 999 inclusive.");
        assertThat(client.get("/users?$skiptoken=bm90LW91cnM").status()).isEqualTo(400);
        Response unknownProperty = client.get("/users?$select=id,shoeSize");
        assertThat(unknownProperty.status()).isEqualTo(400);
        assertThat((String) unknownProperty.error().get("message")).contains("'shoeSize'");
    }

    @Test
    void readsOneUserByIdOrUserPrincipalNameAndAnswers404ForOthers() {
        String id = emu.tenant().addUser("Ada@Contoso.example", "Member", true, "DE", "R&D", "DE");
        Response byUpn = client.get("/users/ada@contoso.example?$select=id,usageLocation,department");
        assertThat(byUpn.status()).isEqualTo(200);
        assertThat(byUpn.json()).containsEntry("id", id).containsEntry("usageLocation", "DE")
                .containsEntry("department", "R&D");
        Response missing = client.get("/users/nobody@contoso.example");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.error()).containsEntry("code", "Request_ResourceNotFound");
        assertThat(missing.error().get("innerError")).isNotNull();
    }

    @Test
    @SuppressWarnings("unchecked")
    void listsSubscribedSkusAsTheDocumentationsExample() {
        Map<String, String> plans = new LinkedHashMap<>();
        plans.put("EXCHANGE_S_ENTERPRISE", EXCHANGE);
        plans.put("TEAMS1", TEAMS);
        emu.tenant().addSku("ENTERPRISEPACK", E3, plans, 25, 5, 0, 0, "Enabled", "User");
        String user = emu.tenant().addUser("a@contoso.example", "Member", true, "DE", "Sales", "DE");
        emu.tenant().assignDirect(user, E3, Set.of(TEAMS));

        Response skus = client.get("/subscribedSkus");
        assertThat(skus.status()).isEqualTo(200);
        Map<String, Object> sku = ((List<Map<String, Object>>) skus.json().get("value")).get(0);
        assertThat(sku).containsKeys("accountName", "accountId", "appliesTo", "capabilityStatus", "consumedUnits",
                "id", "prepaidUnits", "servicePlans", "skuId", "skuPartNumber", "subscriptionIds");
        assertThat(sku).containsEntry("skuId", E3).containsEntry("skuPartNumber", "ENTERPRISEPACK")
                .containsEntry("consumedUnits", 1L).containsEntry("capabilityStatus", "Enabled");
        assertThat((Map<String, Object>) sku.get("prepaidUnits")).containsEntry("enabled", 25L)
                .containsEntry("warning", 5L).containsEntry("suspended", 0L).containsEntry("lockedOut", 0L);
        List<Map<String, Object>> servicePlans = (List<Map<String, Object>>) sku.get("servicePlans");
        assertThat(servicePlans).extracting(p -> p.get("servicePlanName")).containsExactly("EXCHANGE_S_ENTERPRISE",
                "TEAMS1");
        assertThat(servicePlans.get(0)).containsKeys("servicePlanId", "provisioningStatus", "appliesTo");

        Response user1 = client.get("/users/" + user + "?$select=assignedLicenses");
        List<Map<String, Object>> assigned = (List<Map<String, Object>>) user1.json().get("assignedLicenses");
        assertThat(assigned).singleElement().satisfies(l -> {
            assertThat(l).containsEntry("skuId", E3);
            assertThat((List<Object>) l.get("disabledPlans")).containsExactly(TEAMS);
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void pagesGroupMembersWithTheirODataTypesAndFindsGroupsByDisplayName() {
        String group = emu.tenant().addGroup("License E3 'Sales'");
        String nested = emu.tenant().addGroup("Nested");
        Set<String> users = new HashSet<>();
        for (int i = 0; i < 120; i++) {
            String user = emu.tenant().addUser("m" + i + "@contoso.example", "Member", true, "DE", "Sales", "DE");
            emu.tenant().addMember(group, user);
            users.add(user);
        }
        emu.tenant().addMember(group, nested);

        Response found = client.get("/groups?$filter=displayName eq 'License E3 ''Sales'''&$select=id,displayName");
        assertThat(found.status()).isEqualTo(200);
        assertThat((List<Map<String, Object>>) found.json().get("value")).singleElement()
                .satisfies(g -> assertThat(g).containsEntry("id", group));

        List<Map<String, Object>> members = new ArrayList<>();
        String next = "/groups/" + group + "/members?$select=id&$top=50";
        int pages = 0;
        while (next != null) {
            Response page = client.get(next);
            assertThat(page.status()).isEqualTo(200);
            members.addAll((List<Map<String, Object>>) page.json().get("value"));
            next = (String) page.json().get("@odata.nextLink");
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(members).hasSize(121);
        assertThat(members.stream().filter(m -> "#microsoft.graph.user".equals(m.get("@odata.type")))
                .map(m -> m.get("id"))).containsExactlyInAnyOrderElementsOf(users);
        assertThat(members.get(120)).containsEntry("@odata.type", "#microsoft.graph.group")
                .containsEntry("id", nested);
        assertThat(client.get("/groups/00000000-0000-0000-0000-000000000000/members").status()).isEqualTo(404);
    }
}
