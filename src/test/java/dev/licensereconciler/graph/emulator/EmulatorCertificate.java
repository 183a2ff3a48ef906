package dev.licensereconciler.graph.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for 127.0.0.1 and localhost, made by the running JDK's keytool into a temporary PKCS12
 * key store, plus a PKCS12 trust store holding only that certificate. azure-identity refuses an authority host
 * that is not https, so the emulator must speak TLS. Made once per JVM (keytool takes about a second) and
 * immutable afterwards; every emulator serves the same certificate.
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
            Path keyStore = dir.resolve("emulator-key.p12");
            Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
            Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", ALIAS,
                    "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA", "-validity", "7",
                    "-dname", "CN=localhost", "-ext", "san=ip:127.0.0.1,dns:localhost",
                    "-keystore", keyStore.toString(), "-storetype", "PKCS12",
                    "-storepass", new String(password), "-keypass", new String(password))
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool could not create the emulator's certificate: " + output);
            }
            KeyStore keys = load(keyStore, password);
            Certificate certificate = keys.getCertificate(ALIAS);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry(ALIAS, certificate);
            Path trustStore = dir.resolve("emulator-trust.p12");
            try (OutputStream out = Files.newOutputStream(trustStore)) {
                trust.store(out, password);
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, password);
            SSLContext server = SSLContext.getInstance("TLS");
            server.init(kmf.getKeyManagers(), null, null);
            return new EmulatorCertificate(keyStore, trustStore, password, server);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot create the emulator's TLS certificate", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating the emulator's TLS certificate", e);
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
