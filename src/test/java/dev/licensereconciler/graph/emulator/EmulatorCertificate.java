package dev.licensereconciler.graph.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for 127.0.0.1 and localhost ({@link SelfSignedCertificate}) in a temporary PKCS12 key
 * store, plus a PKCS12 trust store holding only that certificate. azure-identity refuses an authority host that is
 * not https, so the emulator must speak TLS. Made once per JVM and immutable afterwards; every emulator serves the
 * same certificate.
 */
final class EmulatorCertificate {

    private static final String ALIAS = "graph-emulator";
    private static volatile EmulatorCertificate instance;

    final Path keyStore;
    final Path trustStore;
    final char[] password;
    final SSLContext serverContext;

    private EmulatorCertificate(Path keyStore, Path trustStore, char[] password, SSLContext serverContext) {
        this.keyStore = keyStore;
        this.trustStore = trustStore;
        this.password = password;
        this.serverContext = serverContext;
    }

    static EmulatorCertificate get() {
        EmulatorCertificate current = instance;
        if (current == null) {
            synchronized (EmulatorCertificate.class) {
                current = instance;
                if (current == null) {
                    current = create();
                    instance = current;
                }
            }
        }
        return current;
    }

    /** A client context that trusts this certificate and nothing else. */
    SSLContext clientContext() {
        try {
            KeyStore trust = load(trustStore);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot build the client SSL context from " + trustStore, e);
        }
    }

    private static EmulatorCertificate create() {
        try {
            Path dir = Files.createTempDirectory("graph-emulator-tls");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
            // Not a secret: it protects a throw-away key for loopback tests only.
            char[] password = "graph-emulator".toCharArray();
            SelfSignedCertificate.Made made = SelfSignedCertificate.make(Duration.ofDays(7));
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry(ALIAS, made.keys().getPrivate(), password, new Certificate[] {made.certificate()});
            Path keyStore = dir.resolve("emulator-key.p12");
            store(keys, keyStore, password);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry(ALIAS, made.certificate());
            Path trustStore = dir.resolve("emulator-trust.p12");
            store(trust, trustStore, password);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, password);
            SSLContext server = SSLContext.getInstance("TLS");
            server.init(kmf.getKeyManagers(), null, null);
            return new EmulatorCertificate(keyStore, trustStore, password, server);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot create the emulator's TLS certificate", e);
        }
    }

    private static void store(KeyStore store, Path path, char[] password) throws IOException,
            GeneralSecurityException {
        try (OutputStream out = Files.newOutputStream(path)) {
            store.store(out, password);
        }
    }

    private KeyStore load(Path path) throws IOException, GeneralSecurityException {
        return load(path, password);
    }

    private static KeyStore load(Path path, char[] password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(path)) {
            store.load(in, password);
        }
        return store;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // A temp directory left behind at JVM exit is harmless.
        }
    }
}
