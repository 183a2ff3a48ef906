package dev.licensereconciler.graph.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.identity.ClientSecretCredential;
import com.azure.identity.ClientSecretCredentialBuilder;
import dev.licensereconciler.graph.emulator.EmulatorClient.Response;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GraphEmulatorTokenTest {

    private static final String GRAPH_DEFAULT = "https://graph.microsoft.com/.default";

    private GraphEmulator emu;
    private EmulatorClient client;

    @BeforeEach
    void start() {
        emu = GraphEmulator.start();
        client = new EmulatorClient(emu);
    }

    @AfterEach
    void stop() {
        emu.close();
    }

    @Test
    void issuesClientCredentialsTokensAsTheIdentityPlatformDoes() {
        Response token = client.token(emu.tenantId(), emu.clientId(), emu.clientSecret(), GRAPH_DEFAULT);
        assertThat(token.status()).isEqualTo(200);
        assertThat(token.json()).containsEntry("token_type", "Bearer").containsEntry("expires_in", 3599L)
                .containsKey("access_token");
        assertThat((String) token.json().get("access_token")).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
        assertThat(emu.requests().tokenRequests()).isEqualTo(1);
        assertThat(emu.requests().all().get(0).body()).contains("client_secret=REDACTED")
                .doesNotContain(emu.clientSecret());
    }

    @Test
    void refusesWrongSecretsTenantsAppsAndScopesWithAadstsErrors() {
        Response secret = client.token(emu.tenantId(), emu.clientId(), "wrong", GRAPH_DEFAULT);
        assertThat(secret.status()).isEqualTo(401);
        assertThat(secret.json()).containsEntry("error", "invalid_client")
                .containsEntry("error_codes", List.of(7000215L)).containsKeys("trace_id", "correlation_id",
                        "timestamp");
        assertThat((String) secret.json().get("error_description")).startsWith("AADSTS7000215: Invalid client secret");

        Response tenant = client.token("00000000-0000-0000-0000-000000000000", emu.clientId(), emu.clientSecret(),
                GRAPH_DEFAULT);
        assertThat(tenant.status()).isEqualTo(400);
        assertThat((String) tenant.json().get("error_description")).startsWith("AADSTS90002: Tenant");

        Response app = client.token(emu.tenantId(), "11111111-1111-1111-1111-111111111111", emu.clientSecret(),
                GRAPH_DEFAULT);
        assertThat(app.json()).containsEntry("error", "unauthorized_client");

        Response scope = client.token(emu.tenantId(), emu.clientId(), emu.clientSecret(), "User.Read");
        assertThat(scope.json()).containsEntry("error", "invalid_scope");
    }

    private String assertion(AppCertificate certificate, String alg, String audience, long expiresAt) {
        return certificate.assertion(alg, Map.of("aud", audience, "iss", emu.clientId(), "sub", emu.clientId(), "exp",
                expiresAt, "jti", "1"));
    }

    private String assertionForm() {
        return "grant_type=client_credentials&client_id=" + emu.clientId()
                + "&client_assertion_type=" + EmulatorClient.enc(ClientAssertions.JWT_BEARER)
                + "&scope=" + EmulatorClient.enc(GRAPH_DEFAULT) + "&client_assertion=";
    }

    private static String description(Response response) {
        return (String) response.json().get("error_description");
    }

    @Test
    void acceptsAClientAssertionSignedWithARegisteredCertificateAndRefusesOneForAnotherAudience() {
        AppCertificate app = AppCertificate.create("license-reconciler");
        emu.registerCertificate(app.certificate());
        String endpoint = emu.authorityHost() + emu.tenantId() + "/oauth2/v2.0/token";
        long inAnHour = Instant.now().plusSeconds(3600).getEpochSecond();
        String form = assertionForm();
        assertThat(client.tokenForm(emu.tenantId(), form + assertion(app, "PS256", endpoint, inAnHour)).status())
                .isEqualTo(200);
        assertThat(client.tokenForm(emu.tenantId(), form + assertion(app, "RS256", endpoint, inAnHour)).status())
                .isEqualTo(200);
        Response wrongAudience = client.tokenForm(emu.tenantId(), form + assertion(app, "PS256", "https://elsewhere",
                inAnHour));
        assertThat(wrongAudience.status()).isEqualTo(401);
        assertThat(description(wrongAudience)).startsWith("AADSTS700027");
        Response expired = client.tokenForm(emu.tenantId(), form + assertion(app, "PS256", endpoint,
                Instant.now().minusSeconds(60).getEpochSecond()));
        assertThat(description(expired)).startsWith("AADSTS700024: Client assertion is not within its valid time range.");
        assertThat(emu.requests().all()).allSatisfy(r -> assertThat(r.body()).doesNotContain("eyJ"));
    }

    @Test
    void refusesAnAssertionSignedWithAnUnregisteredOrForgedKeyOrWithoutThumbprintAsEntraDoes() {
        AppCertificate registered = AppCertificate.create("license-reconciler");
        AppCertificate other = AppCertificate.create("license-reconciler");
        emu.registerCertificate(registered.certificate());
        String endpoint = emu.authorityHost() + emu.tenantId() + "/oauth2/v2.0/token";
        long inAnHour = Instant.now().plusSeconds(3600).getEpochSecond();

        Response unknown = client.tokenForm(emu.tenantId(), assertionForm() + assertion(other, "RS256", endpoint, inAnHour));
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.json()).containsEntry("error", "invalid_client").containsEntry("error_codes", List.of(700027L));
        assertThat(description(unknown)).startsWith("AADSTS700027: Client assertion contains an invalid signature. "
                + "[Reason - The key was not found., Thumbprint of key used by client: '" + other.thumbprint() + "'");

        // The registered certificate's thumbprint on a token signed with another key.
        String genuine = assertion(registered, "RS256", endpoint, inAnHour);
        String forged = assertion(other, "RS256", endpoint, inAnHour);
        String[] g = genuine.split("\\.");
        String[] f = forged.split("\\.");
        Response forgery = client.tokenForm(emu.tenantId(), assertionForm() + g[0] + "." + g[1] + "." + f[2]);
        assertThat(description(forgery)).startsWith("AADSTS700027: Client assertion contains an invalid signature. "
                + "[Reason - Key was found, but use of the key to verify the signature failed., Thumbprint of key used "
                + "by client: '" + registered.thumbprint() + "', Found key 'Start=");

        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String noThumbprint = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                + "." + g[1] + "." + g[2];
        assertThat(description(client.tokenForm(emu.tenantId(), assertionForm() + noThumbprint)))
                .startsWith("AADSTS50027: Invalid JWT token. No certificate thumbprint specified in token header.");
    }

    @Test
    void graphAnswers401ForMissingExpiredAndRevokedTokens() throws InterruptedException {
        Response missing = client.get("/users");
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.error()).containsEntry("code", "InvalidAuthenticationToken")
                .containsEntry("message", "Access token is empty.");

        emu.faults().tokenLifetime(Duration.ofSeconds(1));
        client.authenticate();
        assertThat(client.get("/users").status()).isEqualTo(200);
        Thread.sleep(1100);
        Response expired = client.get("/users");
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.error()).containsEntry("code", "InvalidAuthenticationToken")
                .containsEntry("message", "Lifetime validation failed, the token is expired.");

        emu.faults().tokenLifetime(Duration.ofHours(1));
        client.authenticate();
        assertThat(client.get("/users").status()).isEqualTo(200);
        emu.faults().expireTokens();
        assertThat(client.get("/users").status()).isEqualTo(401);
        Thread.sleep(5);
        client.authenticate();
        assertThat(client.get("/users").status()).isEqualTo(200);
    }

    @Test
    void theTrustStoreFileTrustsTheEmulatorAndTheDefaultTrustDoesNot() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(emu.trustStore())) {
            trust.load(in, emu.trustStorePassword());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        URI token = URI.create(emu.authorityHost() + emu.tenantId() + "/oauth2/v2.0/token");
        HttpRequest request = HttpRequest.newBuilder(token).POST(HttpRequest.BodyPublishers.ofString("")).build();
        int status = HttpClient.newBuilder().sslContext(context).build()
                .send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
        assertThat(status).as("reached the token endpoint over TLS").isEqualTo(400);
        assertThatThrownBy(() -> HttpClient.newHttpClient()
                .send(request, HttpResponse.BodyHandlers.ofString())).isInstanceOf(SSLHandshakeException.class);
    }

    private ClientSecretCredential credential(String secret) {
        // Instance discovery would ask login.microsoftonline.com about the authority: off this machine, so off.
        return new ClientSecretCredentialBuilder().authorityHost(emu.authorityHost()).disableInstanceDiscovery()
                .tenantId(emu.tenantId()).clientId(emu.clientId()).clientSecret(secret)
                .httpClient(new JdkHttpClientBuilder(HttpClient.newBuilder().sslContext(emu.clientSslContext()))
                        .build())
                .build();
    }

    @Test
    void azureIdentityClientSecretCredentialGetsTokensThatGraphAccepts() throws InterruptedException {
        emu.faults().tokenLifetime(Duration.ofSeconds(1));
        ClientSecretCredential credential = credential(emu.clientSecret());
        TokenRequestContext graph = new TokenRequestContext().addScopes(GRAPH_DEFAULT);
        AccessToken first = credential.getTokenSync(graph);
        assertThat(first.getExpiresAt()).isBefore(OffsetDateTime.now().plusSeconds(5));
        client.useToken(first.getToken());
        assertThat(client.get("/users").status()).isEqualTo(200);
        assertThat(emu.requests().all()).extracting(Recorded::path)
                .containsExactly("/" + emu.tenantId() + "/oauth2/v2.0/token", "/v1.0/users");

        Thread.sleep(1100);
        assertThat(client.get("/users").status()).isEqualTo(401);
        AccessToken second = credential.getTokenSync(graph);
        assertThat(second.getToken()).isNotEqualTo(first.getToken());
        client.useToken(second.getToken());
        assertThat(client.get("/users").status()).isEqualTo(200);
        assertThat(emu.requests().tokenRequests()).isEqualTo(2);
    }

    @Test
    void azureIdentityReportsTheAadstsErrorOfAWrongSecret() {
        TokenRequestContext graph = new TokenRequestContext().addScopes(GRAPH_DEFAULT);
        // The sync path wraps MSAL's MsalServiceException in a RuntimeException; the AADSTS code is in the message.
        assertThatThrownBy(() -> credential("not-the-secret").getTokenSync(graph))
                .hasMessageContaining("AADSTS7000215: Invalid client secret provided.");
        assertThat(emu.requests().tokenRequests()).isEqualTo(1);
    }
}
