package dev.licensereconciler.graph;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.HttpClient;
import com.azure.identity.ClientCertificateCredentialBuilder;
import com.azure.identity.ClientSecretCredentialBuilder;

import java.net.URI;
import java.nio.file.Files;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Set;

/**
 * Client-credentials sign-in through azure-identity, with a secret or a certificate (PEM, or
 * PKCS12 with its password). Tokens are kept until shortly before they expire; a renewal builds a
 * new credential, since MSAL would otherwise hand back the cached token that Graph just refused.
 */
final class AzureAccessTokens implements AccessTokens {

    // Microsoft's own authority hosts are known to MSAL; any other host (a sovereign cloud's
    // private endpoint, a test server) cannot be checked against Microsoft's instance list.
    private static final Set<String> KNOWN_HOSTS = Set.of("login.microsoftonline.com", "login.microsoftonline.us",
            "login.chinacloudapi.cn", "login.partner.microsoftonline.cn", "login.microsoft.com", "login.windows.net");

    private final GraphProperties properties;
    private final HttpClient http;
    private TokenCredential credential;
    private AccessToken current;

    AzureAccessTokens(GraphProperties properties, HttpClient http) {
        String missing = properties.missingCredentials();
        if (!missing.isEmpty()) {
            throw new GraphException(0, "NotConfigured", "Microsoft Graph is not configured: set " + missing
                    + " under license-reconciler.graph (for example the environment variables "
                    + "LICENSE_RECONCILER_GRAPH_TENANT_ID, LICENSE_RECONCILER_GRAPH_CLIENT_ID and "
                    + "LICENSE_RECONCILER_GRAPH_CLIENT_SECRET) for the Entra app registration the connector signs in as.");
        }
        if (properties.certificatePath() != null && !Files.isReadable(properties.certificatePath())) {
            throw new GraphException(0, "NotConfigured", "license-reconciler.graph.certificate-path "
                    + properties.certificatePath() + " cannot be read. Name the PEM or PFX file of the app "
                    + "registration's certificate.");
        }
        this.properties = properties;
        this.http = http;
    }

    @Override
    public synchronized String token() {
        if (current == null || current.getExpiresAt().isBefore(OffsetDateTime.now().plusMinutes(2))) {
            if (credential == null) {
                credential = build();
            }
            try {
                current = credential.getTokenSync(new TokenRequestContext().addScopes(properties.scope()));
            } catch (RuntimeException e) {
                credential = null;
                throw signInFailed(e);
            }
            if (current == null) {
                throw new GraphException(401, "TokenUnavailable", "The identity platform at "
                        + properties.authorityHost() + " gave no token for the app " + properties.clientId() + ".");
            }
        }
        return current.getToken();
    }

    /**
     * One line: the identity platform's AADSTS error (without its trace and correlation ids) and what to check.
     * azure-identity wraps it in several exceptions whose messages span lines.
     */
    private GraphException signInFailed(RuntimeException e) {
        String reason = null;
        for (Throwable t = e; t != null && reason == null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && m.contains("AADSTS")) {
                reason = m.substring(m.indexOf("AADSTS"));
            }
        }
        if (reason == null) {
            reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        reason = reason.split("\\R|Trace ID:", 2)[0].trim();
        String check = properties.certificatePath() != null
                ? "Check that the certificate in " + properties.certificatePath() + " is one uploaded to the app "
                + "registration (Entra admin center: App registrations, the app, Certificates & secrets)"
                + (properties.certificatePath().toString().toLowerCase(Locale.ROOT).endsWith(".pem") ? ""
                : " and that license-reconciler.graph.certificate-password is its password") + "."
                : "Check license-reconciler.graph.client-secret: the secret's value (not its ID), not expired, of this "
                + "app registration (Certificates & secrets).";
        return new GraphException(401, "SignInFailed", "Signing in to Microsoft Entra at " + properties.authorityHost()
                + " as app " + properties.clientId() + " of tenant " + properties.tenantId() + " failed: " + reason + " "
                + check, e);
    }

    @Override
    public synchronized void renew() {
        current = null;
        credential = null;
    }

    private TokenCredential build() {
        boolean known = KNOWN_HOSTS.contains(URI.create(properties.authorityHost()).getHost().toLowerCase(Locale.ROOT));
        if (properties.certificatePath() != null) {
            ClientCertificateCredentialBuilder b = new ClientCertificateCredentialBuilder()
                    .tenantId(properties.tenantId()).clientId(properties.clientId())
                    .authorityHost(properties.authorityHost()).httpClient(http);
            String file = properties.certificatePath().toString();
            if (file.toLowerCase(Locale.ROOT).endsWith(".pem")) {
                b.pemCertificate(file);
            } else {
                b.pfxCertificate(file).clientCertificatePassword(properties.certificatePassword());
            }
            if (!known) {
                b.disableInstanceDiscovery();
            }
            return b.build();
        }
        ClientSecretCredentialBuilder b = new ClientSecretCredentialBuilder()
                .tenantId(properties.tenantId()).clientId(properties.clientId()).clientSecret(properties.clientSecret())
                .authorityHost(properties.authorityHost()).httpClient(http);
        if (!known) {
            b.disableInstanceDiscovery();
        }
        return b.build();
    }
}
