package dev.licensereconciler.graph;

import com.microsoft.graph.core.requests.GraphClientFactory;
import com.microsoft.kiota.RequestOption;
import com.microsoft.kiota.http.middleware.options.RetryHandlerOption;
import okhttp3.OkHttpClient;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;

/**
 * Builds the HTTP clients of the connector: one plain client for the identity platform and one for
 * Graph with the Graph core's middleware (retry of 429/503/504 honouring Retry-After, redirects)
 * and the bearer-token interceptor inside the retry, so every retry carries a valid token.
 */
public final class GraphHttp {

    private final GraphProperties properties;
    private final OkHttpClient plain;

    public GraphHttp(GraphProperties properties) {
        this.properties = properties;
        OkHttpClient.Builder b = new OkHttpClient.Builder();
        trust(b);
        this.plain = timeouts(b).build();
    }

    /** The client azure-identity signs in through. */
    public com.azure.core.http.HttpClient identityClient() {
        return new OkHttpAzureClient(plain);
    }

    public AccessTokens accessTokens() {
        return new AzureAccessTokens(properties, identityClient());
    }

    public GraphClient client(AccessTokens tokens) {
        RetryHandlerOption retry = new RetryHandlerOption(RetryHandlerOption.DEFAULT_SHOULD_RETRY,
                properties.maxRetries(), RetryHandlerOption.DEFAULT_DELAY);
        OkHttpClient.Builder b = GraphClientFactory.create(new RequestOption[] {retry});
        trust(b);
        b.addInterceptor(new BearerTokenInterceptor(tokens));
        return new GraphClient(timeouts(b).build(), properties.baseUrl());
    }

    /** A client that never sends: the batch bodies of a dry run are written by the same code. */
    BatchContent dryRunContent() {
        return new BatchContent(properties.baseUrl(), plain);
    }

    private static OkHttpClient.Builder timeouts(OkHttpClient.Builder b) {
        // Graph gives up on a request after about 100 s; waiting longer only hides a lost answer.
        return b.connectTimeout(Duration.ofSeconds(30)).readTimeout(Duration.ofSeconds(120))
                .writeTimeout(Duration.ofSeconds(60)).callTimeout(Duration.ZERO);
    }

    private void trust(OkHttpClient.Builder b) {
        if (properties.trustStore() == null) {
            return;
        }
        try (InputStream in = Files.newInputStream(properties.trustStore())) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            char[] password = properties.trustStorePassword() == null ? new char[0]
                    : properties.trustStorePassword().toCharArray();
            store.load(in, password);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            X509TrustManager tm = null;
            for (TrustManager t : tmf.getTrustManagers()) {
                if (t instanceof X509TrustManager x) {
                    tm = x;
                }
            }
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, new TrustManager[] {tm}, null);
            b.sslSocketFactory(ssl.getSocketFactory(), tm);
        } catch (IOException | GeneralSecurityException e) {
            throw new GraphException(0, "NotConfigured", "license-reconciler.graph.trust-store "
                    + properties.trustStore() + " cannot be read as a PKCS12 trust store (" + e.getMessage()
                    + "). Name a PKCS12 file and its password (trust-store-password).", e);
        }
    }
}
