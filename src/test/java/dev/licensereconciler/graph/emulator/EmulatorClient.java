package dev.licensereconciler.graph.emulator;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The emulator's own tests talk to it with the JDK HttpClient, trusting only its certificate. */
final class EmulatorClient {

    record Response(int status, Map<String, List<String>> headers, Object body) {
        @SuppressWarnings("unchecked")
        Map<String, Object> json() {
            return (Map<String, Object>) body;
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> error() {
            return (Map<String, Object>) json().get("error");
        }

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private final GraphEmulator emulator;
    private final HttpClient http;
    private String token;

    EmulatorClient(GraphEmulator emulator) {
        this.emulator = emulator;
        this.http = HttpClient.newBuilder().sslContext(emulator.clientSslContext())
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Client credentials with the registered app's secret; remembers the token for later calls. */
    String authenticate() {
        Response r = token(emulator.tenantId(), emulator.clientId(), emulator.clientSecret(),
                "https://graph.microsoft.com/.default");
        if (r.status() != 200) {
            throw new IllegalStateException("Token request refused: " + r.body());
        }
        token = (String) r.json().get("access_token");
        return token;
    }

    Response token(String tenant, String clientId, String secret, String scope) {
        return tokenForm(tenant, "grant_type=client_credentials&client_id=" + enc(clientId) + "&client_secret="
                + enc(secret) + "&scope=" + enc(scope));
    }

    Response tokenForm(String tenant, String form) {
        return send(HttpRequest.newBuilder(URI.create(emulator.authorityHost() + tenant + "/oauth2/v2.0/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    /** {@code pathAndQuery} below /v1.0, e.g. "/users?$top=999", or an absolute @odata.nextLink. */
    Response get(String pathAndQuery) {
        return send(authorized(uri(pathAndQuery)).GET());
    }

    Response post(String pathAndQuery, Object json) {
        return send(authorized(uri(pathAndQuery)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json instanceof String s ? s : Json.write(json))));
    }

    /** A plain GET without a token (a pre-authenticated download URL); the body as text. */
    Response download(String url) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                    .GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(r.statusCode(), r.headers().map(), r.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    void useToken(String token) {
        this.token = token;
    }

    private URI uri(String pathAndQuery) {
        String url = pathAndQuery.startsWith("https://") ? pathAndQuery : emulator.graphBaseUrl() + pathAndQuery;
        return URI.create(url.replace(" ", "%20").replace("'", "%27"));
    }

    private HttpRequest.Builder authorized(URI uri) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Object body = r.body().isEmpty() ? null : Json.parse(r.body());
            return new Response(r.statusCode(), r.headers().map(), body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
