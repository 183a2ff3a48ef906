package dev.licensereconciler.graph;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code license-reconciler.graph.*}: the Entra app registration the connector signs in as (client
 * credentials, with a secret or a certificate) and the cloud it talks to. Environment variables
 * bind by Spring's relaxed rules, e.g. {@code LICENSE_RECONCILER_GRAPH_CLIENT_SECRET}.
 * National clouds set both {@code base-url} and {@code authority-host} (US Government:
 * https://graph.microsoft.us/v1.0 and https://login.microsoftonline.us/; China:
 * https://microsoftgraph.chinacloudapi.cn/v1.0 and https://login.chinacloudapi.cn/).
 * {@code scope} is the token's scope, by default the base URL's origin plus /.default.
 * {@code trust-store} adds certificate authorities (a TLS-inspecting proxy) to the JDK's own.
 * The write limit is Graph's documented one for license assignment per app and tenant.
 * {@code sign-ins} false makes {@code snapshot} read users without signInActivity: Graph pages
 * users with it 120 at a time instead of 999, 8 times the requests on a large tenant.
 */
@ConfigurationProperties("license-reconciler.graph")
public record GraphProperties(String tenantId, String clientId, String clientSecret, Path certificatePath,
                              String certificatePassword,
                              @DefaultValue("https://graph.microsoft.com/v1.0") String baseUrl,
                              @DefaultValue("https://login.microsoftonline.com/") String authorityHost,
                              String scope,
                              Path trustStore, String trustStorePassword,
                              @DefaultValue("3000") int writesPerWindow,
                              @DefaultValue("150s") Duration writeWindow,
                              @DefaultValue("10") int maxRetries,
                              @DefaultValue("true") boolean signIns) {

    public GraphProperties {
        baseUrl = stripSlash(baseUrl == null || baseUrl.isBlank() ? "https://graph.microsoft.com/v1.0" : baseUrl.trim());
        authorityHost = authorityHost == null || authorityHost.isBlank() ? "https://login.microsoftonline.com/"
                : authorityHost.trim();
        if (scope == null || scope.isBlank()) {
            URI uri = URI.create(baseUrl);
            scope = uri.getScheme() + "://" + uri.getRawAuthority() + "/.default";
        }
        writeWindow = writeWindow == null ? Duration.ofSeconds(150) : writeWindow;
        if (writesPerWindow < 1) {
            throw new IllegalArgumentException("license-reconciler.graph.writes-per-window must be 1 or more, was "
                    + writesPerWindow);
        }
        if (maxRetries < 0 || maxRetries > 10) {
            throw new IllegalArgumentException("license-reconciler.graph.max-retries must be from 0 to 10 "
                    + "(the Graph core's retry handler allows at most 10), was " + maxRetries);
        }
    }

    public static GraphProperties of(String tenantId, String clientId, String clientSecret, String baseUrl,
                                     String authorityHost) {
        return new GraphProperties(tenantId, clientId, clientSecret, null, null, baseUrl, authorityHost, null, null, null,
                3000, Duration.ofSeconds(150), 10, true);
    }

    public GraphProperties withTrustStore(Path store, String password) {
        return new GraphProperties(tenantId, clientId, clientSecret, certificatePath, certificatePassword, baseUrl,
                authorityHost, scope, store, password, writesPerWindow, writeWindow, maxRetries, signIns);
    }

    public GraphProperties withScope(String newScope) {
        return new GraphProperties(tenantId, clientId, clientSecret, certificatePath, certificatePassword, baseUrl,
                authorityHost, newScope, trustStore, trustStorePassword, writesPerWindow, writeWindow, maxRetries, signIns);
    }

    public GraphProperties withoutSignIns() {
        return new GraphProperties(tenantId, clientId, clientSecret, certificatePath, certificatePassword, baseUrl,
                authorityHost, scope, trustStore, trustStorePassword, writesPerWindow, writeWindow, maxRetries, false);
    }

    public GraphProperties withWriteLimit(int writes, Duration window) {
        return new GraphProperties(tenantId, clientId, clientSecret, certificatePath, certificatePassword, baseUrl,
                authorityHost, scope, trustStore, trustStorePassword, writes, window, maxRetries, signIns);
    }

    /**
     * The settings a sign-in needs, named as the properties are, or empty when none is missing.
     */
    public String missingCredentials() {
        StringBuilder missing = new StringBuilder();
        if (blank(tenantId)) {
            missing.append(" tenant-id");
        }
        if (blank(clientId)) {
            missing.append(" client-id");
        }
        if (blank(clientSecret) && certificatePath == null) {
            missing.append(" client-secret (or certificate-path)");
        }
        return missing.toString().trim();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    // A record prints every component; the secrets must never reach a log.
    @Override
    public String toString() {
        return "GraphProperties[tenantId=" + tenantId + ", clientId=" + clientId + ", clientSecret="
                + (blank(clientSecret) ? "(none)" : "(set)") + ", certificatePath=" + certificatePath
                + ", baseUrl=" + baseUrl + ", authorityHost=" + authorityHost + ", writesPerWindow=" + writesPerWindow
                + ", writeWindow=" + writeWindow + ", signIns=" + signIns + "]";
    }
}
