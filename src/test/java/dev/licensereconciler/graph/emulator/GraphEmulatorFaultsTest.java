package dev.licensereconciler.graph.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.licensereconciler.graph.emulator.EmulatorClient.Response;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GraphEmulatorFaultsTest extends SignedInEmulatorTest {

    private static final String E3 = "6fd2c87f-b296-42f0-b197-1e91e994b900";


    @Test
    void throttledRequestsCarryRetryAfterAndAreNotExecuted() {
        emu.tenant().addSku("ENTERPRISEPACK", E3, Map.of(), 5, 0, 0, 0, "Enabled", "User");
        String ada = emu.tenant().addUser("ada@contoso.example", "Member", true, "DE", "Sales", "DE");
        emu.faults().throttleNext(2, 3);
        Map<String, Object> body = Map.of("addLicenses", List.of(Map.of("skuId", E3)), "removeLicenses", List.of());
        for (int i = 0; i < 2; i++) {
            Response throttled = client.post("/users/" + ada + "/assignLicense", body);
            assertThat(throttled.status()).isEqualTo(429);
            assertThat(throttled.header("Retry-After")).isEqualTo("3");
            assertThat(throttled.error()).containsEntry("code", "TooManyRequests");
        }
        assertThat(emu.tenant().consumedUnits(E3)).isZero();
        assertThat(client.post("/users/" + ada + "/assignLicense", body).status()).isEqualTo(200);
        assertThat(emu.tenant().consumedUnits(E3)).isEqualTo(1);
    }

    @Test
    void serverErrorsAndSlowAnswersAreConsumedInOrder() {
        emu.faults().failNext(1, 503);
        emu.faults().failNext(1, 504);
        Response unavailable = client.get("/users");
        assertThat(unavailable.status()).isEqualTo(503);
        assertThat(unavailable.error()).containsEntry("code", "serviceNotAvailable");
        assertThat(client.get("/users").status()).isEqualTo(504);
        assertThat(client.get("/users").status()).isEqualTo(200);

        emu.faults().delayNext(1, Duration.ofMillis(400));
        long started = System.nanoTime();
        assertThat(client.get("/users").status()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        started = System.nanoTime();
        client.get("/users");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(400));
    }

    @Test
    void crashHookRunsAfterTheNthWrite() {
        emu.tenant().addSku("ENTERPRISEPACK", E3, Map.of(), 5, 0, 0, 0, "Enabled", "User");
        AtomicInteger crashes = new AtomicInteger();
        emu.faults().crashAfterWrites(2, crashes::incrementAndGet);
        Map<String, Object> body = Map.of("addLicenses", List.of(Map.of("skuId", E3)), "removeLicenses", List.of());
        for (int i = 0; i < 3; i++) {
            String user = emu.tenant().addUser("u" + i + "@contoso.example", "Member", true, "DE", "Sales", "DE");
            client.post("/users/" + user + "/assignLicense", body);
            assertThat(crashes.get()).isEqualTo(i >= 1 ? 1 : 0);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void writesOverTheQuotaAre429WithThrottleScopeAlsoInsideBatches() {
        emu.tenant().addSku("ENTERPRISEPACK", E3, Map.of(), 50, 0, 0, 0, "Enabled", "User");
        emu.faults().writeLimit(3, Duration.ofSeconds(60));
        Map<String, Object> body = Map.of("addLicenses", List.of(Map.of("skuId", E3)), "removeLicenses", List.of());
        for (int i = 0; i < 2; i++) {
            String user = emu.tenant().addUser("w" + i + "@contoso.example", "Member", true, "DE", "Sales", "DE");
            assertThat(client.post("/users/" + user + "/assignLicense", body).status()).isEqualTo(200);
        }
        assertThat(client.get("/users").status()).as("reads do not count").isEqualTo(200);
        String a = emu.tenant().addUser("a@contoso.example", "Member", true, "DE", "Sales", "DE");
        String b = emu.tenant().addUser("b@contoso.example", "Member", true, "DE", "Sales", "DE");
        Response batch = client.post("/$batch", Map.of("requests", List.of(
                Map.of("id", "1", "method", "POST", "url", "/users/" + a + "/assignLicense", "body", body,
                        "headers", Map.of("Content-Type", "application/json")),
                Map.of("id", "2", "method", "POST", "url", "/users/" + b + "/assignLicense", "body", body,
                        "headers", Map.of("Content-Type", "application/json"), "dependsOn", List.of("1")))));
        Map<String, Map<String, Object>> responses = new HashMap<>();
        for (Map<String, Object> r : (List<Map<String, Object>>) batch.json().get("responses")) {
            responses.put((String) r.get("id"), r);
        }
        assertThat(responses.get("1")).containsEntry("status", 200L);
        assertThat(responses.get("2")).containsEntry("status", 429L);
        assertThat((Map<String, Object>) responses.get("2").get("headers"))
                .containsEntry("x-ms-throttle-information", "WriteLimitExceeded").containsKey("Retry-After");
        Response over = client.post("/users/" + b + "/assignLicense", body);
        assertThat(over.status()).isEqualTo(429);
        assertThat(Integer.parseInt(over.header("Retry-After"))).isBetween(1, 60);
        assertThat(over.header("x-ms-throttle-scope"))
                .isEqualTo("Tenant_Application/Write/" + emu.clientId() + "/" + emu.tenantId());
        assertThat(emu.tenant().consumedUnits(E3)).isEqualTo(3);
    }

    @Test
    void unknownPathsAndMethodsGetGraphsErrors() {
        Response unknown = client.get("/me/drive");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.error().get("message")).isEqualTo("Resource not found for the segment 'me'.");
        Response method = client.post("/users", Map.of());
        assertThat(method.status()).isEqualTo(405);
    }
}
