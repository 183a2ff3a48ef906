package dev.licensereconciler.graph;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The $batch body as the Graph core writes it (concepts/json-batching.md): ids, relative URLs, JSON bodies. */
class BatchContentTest {

    private final BatchContent content = new BatchContent("https://graph.microsoft.com/v1.0", new OkHttpClient());

    private static List<SubRequest> requests(int n) {
        List<SubRequest> list = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            list.add(new SubRequest(Integer.toString(i), "POST", "/users/u" + i + "@contoso.example/assignLicense",
                    "{\"addLicenses\":[],\"removeLicenses\":[\"05e9a617-0261-4cee-bb44-138d3ef5d965\"]}"));
        }
        return list;
    }

    @Test
    void aFullBatchOf20RequestsIsWritten() {
        JsonObject batch = JsonParser.parseString(content.json(requests(20))).getAsJsonObject();

        JsonArray steps = batch.getAsJsonArray("requests");
        assertThat(steps).hasSize(20);
        JsonObject first = steps.get(0).getAsJsonObject();
        assertThat(first.get("id").getAsString()).isEqualTo("1");
        assertThat(first.get("method").getAsString()).isEqualTo("POST");
        assertThat(first.get("url").getAsString()).isEqualTo("/users/u1@contoso.example/assignLicense");
        assertThat(first.getAsJsonObject("body").getAsJsonArray("removeLicenses").get(0).getAsString())
                .isEqualTo("05e9a617-0261-4cee-bb44-138d3ef5d965");
        assertThat(first.getAsJsonObject("headers").get("Content-Type").getAsString()).startsWith("application/json");
    }

    @Test
    void moreThan20RequestsAreRefused() {
        assertThatThrownBy(() -> content.json(requests(21))).hasMessageContaining("1 to 20 requests, not 21");
    }
}
