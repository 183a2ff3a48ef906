package dev.licensereconciler.graph.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.licensereconciler.graph.emulator.EmulatorClient.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GraphEmulatorBatchTest {

    private static final String E3 = "6fd2c87f-b296-42f0-b197-1e91e994b900";

    private GraphEmulator emu;
    private EmulatorClient client;
    private final List<String> users = new ArrayList<>();

    @BeforeEach
    void start() {
        emu = GraphEmulator.start();
        client = new EmulatorClient(emu);
        client.authenticate();
        emu.tenant().addSku("ENTERPRISEPACK", E3, Map.of("EXCHANGE_S_ENTERPRISE",
                "efb87545-963c-4e0d-99df-69c6916d9eb0"), 100, 0, 0, 0, "Enabled", "User");
        for (int i = 0; i < 21; i++) {
            users.add(emu.tenant().addUser("u" + i + "@contoso.example", "Member", true, "DE", "Sales", "DE"));
        }
    }

    @AfterEach
    void stop() {
        emu.close();
    }

    private static Map<String, Object> assign(String id, String userId, String... dependsOn) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("id", id);
        request.put("method", "POST");
        request.put("url", "/users/" + userId + "/assignLicense");
        request.put("headers", Map.of("Content-Type", "application/json"));
        request.put("body", Map.of("addLicenses", List.of(Map.of("skuId", E3, "disabledPlans", List.of())),
                "removeLicenses", List.of()));
        if (dependsOn.length > 0) {
            request.put("dependsOn", List.of(dependsOn));
        }
        return request;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> byId(Response r) {
        return ((List<Map<String, Object>>) r.json().get("responses")).stream()
                .collect(Collectors.toMap(m -> (String) m.get("id"), m -> m));
    }

    @Test
    @SuppressWarnings("unchecked")
    void executesTwentyRequestsWithOne429AndOne424() {
        emu.faults().throttleInsideBatch(1, 7);
        List<Map<String, Object>> requests = new ArrayList<>();
        // The first executed sub-request is throttled; the second depends on it and fails with 424.
        requests.add(assign("1", users.get(0)));
        requests.add(assign("2", users.get(1), "1"));
        for (int i = 2; i < 20; i++) {
            requests.add(assign(Integer.toString(i + 1), users.get(i)));
        }
        Response r = client.post("/$batch", Map.of("requests", requests));
        assertThat(r.status()).isEqualTo(200);
        Map<String, Map<String, Object>> responses = byId(r);
        assertThat(responses).hasSize(20);

        Map<String, Object> throttled = responses.get("1");
        assertThat(throttled).containsEntry("status", 429L);
        assertThat((Map<String, Object>) throttled.get("headers")).containsEntry("Retry-After", "7");
        assertThat((Map<String, Object>) ((Map<String, Object>) throttled.get("body")).get("error"))
                .containsEntry("code", "TooManyRequests");

        Map<String, Object> failedDependency = responses.get("2");
        assertThat(failedDependency).containsEntry("status", 424L);
        assertThat(emu.tenant().assignedLicenses(users.get(0))).isEmpty();
        assertThat(emu.tenant().assignedLicenses(users.get(1))).isEmpty();

        for (int i = 3; i <= 20; i++) {
            Map<String, Object> ok = responses.get(Integer.toString(i));
            assertThat(ok).containsEntry("status", 200L);
            assertThat((Map<String, Object>) ok.get("headers")).containsKey("Content-Type");
            assertThat((Map<String, Object>) ok.get("body")).containsEntry("id", users.get(i - 1));
        }
        assertThat(emu.tenant().consumedUnits(E3)).isEqualTo(18);
        assertThat(emu.requests().all()).filteredOn(rec -> rec.path().startsWith("$batch:")).hasSize(20);
    }

    @Test
    void refusesMoreThanTwentyRequestsAndExecutesNone() {
        List<Map<String, Object>> requests = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            requests.add(assign(Integer.toString(i + 1), users.get(i)));
        }
        Response r = client.post("/$batch", Map.of("requests", requests));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error()).containsEntry("code", "BadRequest");
        assertThat(emu.tenant().consumedUnits(E3)).isZero();
    }

    @Test
    void aWriteWithABodyButNoContentTypeIsRefusedOnItsOwn() {
        Map<String, Object> bare = assign("bare", users.get(0));
        bare.remove("headers");
        Response r = client.post("/$batch", Map.of("requests", List.of(bare, assign("typed", users.get(1)))));
        Map<String, Map<String, Object>> responses = byId(r);
        assertThat(responses.get("bare")).containsEntry("status", 400L);
        @SuppressWarnings("unchecked")
        Map<String, Object> error = (Map<String, Object>) ((Map<String, Object>) responses.get("bare").get("body"))
                .get("error");
        assertThat(error).containsEntry("message", "Write request id : bare does not contain Content-Type header or"
                + " body.");
        assertThat(responses.get("typed")).containsEntry("status", 200L);
        assertThat(emu.tenant().assignedLicenses(users.get(0))).isEmpty();
    }

    @Test
    void refusesDuplicateIdsAndUnknownDependencies() {
        Response duplicate = client.post("/$batch", Map.of("requests",
                List.of(assign("a", users.get(0)), assign("A", users.get(1)))));
        assertThat(duplicate.status()).isEqualTo(400);
        Response unknown = client.post("/$batch", Map.of("requests", List.of(assign("a", users.get(0), "zz"))));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(emu.tenant().consumedUnits(E3)).isZero();
    }

    @Test
    @SuppressWarnings("unchecked")
    void runsDependentRequestsInOrderAndReadsInsideTheBatch() {
        Map<String, Object> read = new LinkedHashMap<>();
        read.put("id", "read");
        read.put("method", "GET");
        read.put("url", "users/" + users.get(0) + "?$select=id,assignedLicenses");
        read.put("dependsOn", List.of("write"));
        Response r = client.post("/$batch", Map.of("requests", List.of(read, assign("write", users.get(0)))));
        Map<String, Object> body = (Map<String, Object>) byId(r).get("read").get("body");
        assertThat((List<Object>) body.get("assignedLicenses")).hasSize(1);
        // A failed sub-request (unknown user) fails its dependants with 424 and nothing else.
        Response chain = client.post("/$batch", Map.of("requests", List.of(assign("1", "ghost@contoso.example"),
                assign("2", users.get(5), "1"), assign("3", users.get(6)))));
        Map<String, Map<String, Object>> responses = byId(chain);
        assertThat(responses.get("1")).containsEntry("status", 404L);
        assertThat(responses.get("2")).containsEntry("status", 424L);
        assertThat(responses.get("3")).containsEntry("status", 200L);
        assertThat(emu.tenant().assignedLicenses(users.get(5))).isEmpty();
        assertThat(emu.tenant().assignedLicenses(users.get(6))).extracting(AssignedLicense::skuId)
                .isEqualTo(List.of(E3));
        assertThat(Set.copyOf(emu.tenant().assignedLicenses(users.get(0)))).hasSize(1);
    }
}
