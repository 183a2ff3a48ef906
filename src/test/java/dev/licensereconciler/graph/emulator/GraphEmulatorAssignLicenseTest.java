package dev.licensereconciler.graph.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.licensereconciler.graph.emulator.EmulatorClient.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GraphEmulatorAssignLicenseTest {

    private static final String E3 = "6fd2c87f-b296-42f0-b197-1e91e994b900";
    private static final String E5 = "c7df2760-2c81-4ef7-b578-5b5392b571df";
    private static final String EXCHANGE_E3 = "efb87545-963c-4e0d-99df-69c6916d9eb0";
    private static final String TEAMS = "57ff2da0-773e-42df-b2af-ffb7a2317929";
    private static final String EXCHANGE_E5 = "4fa4026d-ce74-4962-a151-8e96d57ea8e4";
    private static final String UNKNOWN = "0118a350-71fc-4ec3-8f0c-6a1cb8867561";

    private GraphEmulator emu;
    private EmulatedTenant tenant;
    private EmulatorClient client;

    @BeforeEach
    void start() {
        emu = GraphEmulator.start();
        tenant = emu.tenant();
        client = new EmulatorClient(emu);
        client.authenticate();
        Map<String, String> e3 = new LinkedHashMap<>();
        e3.put("EXCHANGE_S_ENTERPRISE", EXCHANGE_E3);
        e3.put("TEAMS1", TEAMS);
        tenant.addSku("ENTERPRISEPACK", E3, e3, 2, 1, 0, 0, "Enabled", "User");
        tenant.addSku("ENTERPRISEPREMIUM", E5, Map.of("EXCHANGE_S_ENTERPRISE_E5", EXCHANGE_E5), 10, 0, 0, 0,
                "Enabled", "User");
    }

    @AfterEach
    void stop() {
        emu.close();
    }

    private static Map<String, Object> body(List<Map<String, Object>> add, List<String> remove) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("addLicenses", add);
        body.put("removeLicenses", remove);
        return body;
    }

    private static Map<String, Object> add(String skuId, String... disabledPlans) {
        Map<String, Object> license = new LinkedHashMap<>();
        license.put("disabledPlans", List.of(disabledPlans));
        license.put("skuId", skuId);
        return license;
    }

    private String user(String upn) {
        return tenant.addUser(upn, "Member", true, "DE", "Sales", "DE");
    }

    private static void assertRefused(Response r, String message) {
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error()).containsEntry("code", "Request_BadRequest").containsEntry("message", message);
        assertThat(r.error().get("innerError")).isNotNull();
    }

    @Test
    @SuppressWarnings("unchecked")
    void assignsChangesAndRemovesADirectLicenseAndCountsTheSeat() {
        String ada = user("ada@contoso.example");
        Response assigned = client.post("/users/" + ada + "/assignLicense", body(List.of(add(E3, TEAMS)), List.of()));
        assertThat(assigned.status()).isEqualTo(200);
        assertThat(assigned.json()).containsEntry("id", ada).containsKey("assignedLicenses");
        assertThat(tenant.assignedLicenses(ada)).containsExactly(new AssignedLicense(E3, Set.of(TEAMS)));
        assertThat(tenant.licenseAssignmentStates(ada))
                .containsExactly(new LicenseAssignmentState(E3, Set.of(TEAMS), null, "Active", null));
        assertThat(tenant.consumedUnits(E3)).isEqualTo(1);

        // Assigning the same SKU again replaces its disabled plans and takes no second seat.
        client.post("/users/ada@contoso.example/assignLicense", body(List.of(add(E3)), List.of()));
        assertThat(tenant.assignedLicenses(ada)).containsExactly(new AssignedLicense(E3, Set.of()));
        assertThat(tenant.consumedUnits(E3)).isEqualTo(1);

        Response states = client.get("/users/" + ada + "?$select=licenseAssignmentStates");
        Map<String, Object> state = ((List<Map<String, Object>>) states.json().get("licenseAssignmentStates")).get(0);
        assertThat(state).containsEntry("skuId", E3).containsEntry("state", "Active").containsEntry("error", null)
                .containsEntry("assignedByGroup", null).containsKey("lastUpdatedDateTime");

        assertThat(client.post("/users/" + ada + "/assignLicense", body(List.of(), List.of(E3))).status())
                .isEqualTo(200);
        assertThat(tenant.assignedLicenses(ada)).isEmpty();
        assertThat(tenant.consumedUnits(E3)).isZero();
        assertThat(emu.requests().assignLicenseExecutions(ada)).isEqualTo(3);
    }

    @Test
    void prepaidEnabledAndWarningUnitsBoundAssignments() {
        String a = user("a@contoso.example");
        String b = user("b@contoso.example");
        String c = user("c@contoso.example");
        String d = user("d@contoso.example");
        for (String u : List.of(a, b, c)) {
            assertThat(client.post("/users/" + u + "/assignLicense", body(List.of(add(E3)), List.of())).status())
                    .isEqualTo(200);
        }
        Response refused = client.post("/users/" + d + "/assignLicense", body(List.of(add(E3)), List.of()));
        assertRefused(refused, "Subscription with SKU " + E3 + " does not have any available licenses.");
        assertThat(tenant.assignedLicenses(d)).isEmpty();
        assertThat(tenant.consumedUnits(E3)).isEqualTo(3);
        assertThat(emu.requests().assignLicenseExecutions(d)).isZero();
    }

    @Test
    void refusesMutuallyExclusivePlansAndChangesNothing() {
        tenant.conflict(EXCHANGE_E3, EXCHANGE_E5);
        String ada = user("ada@contoso.example");
        tenant.assignDirect(ada, E3, Set.of());
        Response refused = client.post("/users/" + ada + "/assignLicense", body(List.of(add(E5)), List.of()));
        assertRefused(refused, "License assignment failed because service plans " + EXCHANGE_E3 + ","
                + EXCHANGE_E5 + " are mutually exclusive.");
        assertThat(tenant.consumedUnits(E5)).isZero();
        // Disabling the conflicting plan, or swapping in one call, is accepted.
        assertThat(client.post("/users/" + ada + "/assignLicense",
                body(List.of(add(E5)), List.of(E3))).status()).isEqualTo(200);
        assertThat(tenant.assignedLicenses(ada)).containsExactly(new AssignedLicense(E5, Set.of()));
        assertThat(tenant.consumedUnits(E3)).isZero();
        assertThat(tenant.consumedUnits(E5)).isEqualTo(1);
    }

    @Test
    void refusesUnknownUsersSkusAndPlansAndUsersWithoutUsageLocation() {
        String ada = user("ada@contoso.example");
        String nomad = tenant.addUser("nomad@contoso.example", "Member", true, null, "Sales", null);

        Response noUser = client.post("/users/ghost@contoso.example/assignLicense", body(List.of(add(E3)), List.of()));
        assertThat(noUser.status()).isEqualTo(404);
        assertThat(noUser.error()).containsEntry("code", "Request_ResourceNotFound").containsEntry("message",
                "Resource 'ghost@contoso.example' does not exist or one of its queried reference-property objects"
                        + " are not present.");

        assertRefused(client.post("/users/" + ada + "/assignLicense", body(List.of(add(UNKNOWN)), List.of())),
                "License " + UNKNOWN + " does not correspond to a valid company License.");
        assertRefused(client.post("/users/" + ada + "/assignLicense", body(List.of(add(E3, EXCHANGE_E5)), List.of())),
                "Service plan " + EXCHANGE_E5 + " does not belong to the subscription of license " + E3
                        + " (ENTERPRISEPACK).");
        assertRefused(client.post("/users/" + nomad + "/assignLicense", body(List.of(add(E3)), List.of())),
                "License assignment cannot be done for user with invalid usage location.");
        assertRefused(client.post("/users/" + ada + "/assignLicense", body(List.of(), List.of(E3))),
                "User does not have a corresponding license.");
        assertRefused(client.post("/users/" + ada + "/assignLicense", Map.of("addLicenses", List.of())),
                "One or more parameters of the function import 'assignLicense' are missing from the request payload."
                        + " The missing parameters are: removeLicenses.");
        Response malformed = client.post("/users/" + ada + "/assignLicense", "{\"addLicenses\": [");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.error()).containsEntry("code", "BadRequest");

        assertThat(tenant.assignedLicenses(ada)).isEmpty();
        assertThat(tenant.assignedLicenses(nomad)).isEmpty();
        assertThat(tenant.consumedUnits(E3)).isZero();
    }

    @Test
    void groupLicensesFollowMembershipAndCannotBeRemovedFromTheUser() {
        String group = tenant.addGroup("E3 users");
        tenant.addGroupLicense(group, E3, Set.of(TEAMS));
        // Group-based licensing uses the directory's location for users without one.
        String nomad = tenant.addUser("nomad@contoso.example", "Member", true, null, "Sales", null);
        tenant.addMember(group, nomad);
        assertThat(tenant.licenseAssignmentStates(nomad))
                .containsExactly(new LicenseAssignmentState(E3, Set.of(TEAMS), group, "Active", null));
        assertThat(tenant.consumedUnits(E3)).isEqualTo(1);

        Response refused = client.post("/users/" + nomad + "/assignLicense", body(List.of(), List.of(E3)));
        assertRefused(refused, "User license is inherited from a group membership and it cannot be removed directly"
                + " from the user.");

        // A direct assignment of the same SKU on top takes no second seat; removing it leaves the inherited one.
        String ada = user("ada@contoso.example");
        tenant.addMember(group, ada);
        assertThat(client.post("/users/" + ada + "/assignLicense", body(List.of(add(E3)), List.of())).status())
                .isEqualTo(200);
        assertThat(tenant.assignedLicenses(ada)).containsExactly(new AssignedLicense(E3, Set.of()));
        assertThat(tenant.consumedUnits(E3)).isEqualTo(2);
        assertThat(client.post("/users/" + ada + "/assignLicense", body(List.of(), List.of(E3))).status())
                .isEqualTo(200);
        assertThat(tenant.assignedLicenses(ada)).containsExactly(new AssignedLicense(E3, Set.of(TEAMS)));

        // Seats run out: the third member's inherited assignment is in error, and takes no seat.
        String bob = user("bob@contoso.example");
        String eve = user("eve@contoso.example");
        tenant.addMember(group, bob);
        tenant.addMember(group, eve);
        assertThat(tenant.consumedUnits(E3)).isEqualTo(3);
        assertThat(tenant.licenseAssignmentStates(eve))
                .containsExactly(new LicenseAssignmentState(E3, Set.of(TEAMS), group, "Error", "CountViolation"));
        assertThat(tenant.assignedLicenses(eve)).isEmpty();

        tenant.removeMember(group, nomad);
        assertThat(tenant.licenseAssignmentStates(nomad)).isEmpty();
        assertThat(tenant.consumedUnits(E3)).isEqualTo(2);
    }

    @Test
    void concurrentAssignmentsNeverExceedThePrepaidUnits() throws Exception {
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            users.add(user("u" + i + "@contoso.example"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (String u : users) {
                statuses.add(pool.submit(() -> client.post("/users/" + u + "/assignLicense",
                        body(List.of(add(E5)), List.of())).status()));
            }
            int ok = 0;
            for (Future<Integer> status : statuses) {
                ok += status.get() == 200 ? 1 : 0;
            }
            assertThat(ok).isEqualTo(10);
        } finally {
            pool.shutdownNow();
        }
        assertThat(tenant.consumedUnits(E5)).isEqualTo(10);
    }
}
