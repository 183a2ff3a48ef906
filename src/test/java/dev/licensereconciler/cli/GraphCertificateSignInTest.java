package dev.licensereconciler.cli;

import dev.licensereconciler.graph.emulator.AppCertificate;
import dev.licensereconciler.graph.emulator.GraphEmulator;
import dev.licensereconciler.support.CommandLineRuns;
import dev.licensereconciler.support.ConsoleCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-in with a certificate (license-reconciler.graph.certificate-path, PEM or PFX with its password) through
 * azure-identity's ClientCertificateCredential, against the emulator's token endpoint, which verifies the client
 * assertion's signature against the certificate registered for the app, as Entra does.
 */
class GraphCertificateSignInTest {

    private static final String E3 = "6fd2c87f-b296-42f0-b197-1e91e994b900";

    @TempDir
    Path dir;

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    private GraphEmulator emulator;
    private final AppCertificate registered = AppCertificate.create("license-reconciler");
    private Path job;

    @BeforeEach
    void tenant() throws IOException {
        emulator = GraphEmulator.start();
        emulator.registerCertificate(registered.certificate());
        emulator.tenant().addSku("ENTERPRISEPACK", E3, Map.of(), 3, 0, 0, 0, "Enabled", "User");
        emulator.tenant().addUser("ada@contoso.example", "Member", true, "NL", "Sales", "Netherlands");
        Files.createDirectories(dir.resolve("tenant"));
        job = dir.resolve("cert-job.yml");
        Files.writeString(job, """
                name: cert-job
                input: %s
                output: %s
                mail:
                  enabled: false
                """.formatted(dir.resolve("tenant"), dir.resolve("out")));
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private int snapshot(String... credentials) {
        return CommandLineRuns.execute(dir.resolve("db"), Stream.concat(Stream.of("snapshot", job.toString(),
                "--license-reconciler.graph.tenant-id=" + emulator.tenantId(),
                "--license-reconciler.graph.client-id=" + emulator.clientId(),
                "--license-reconciler.graph.base-url=" + emulator.graphBaseUrl(),
                "--license-reconciler.graph.scope=https://graph.microsoft.com/.default",
                "--license-reconciler.graph.authority-host=" + emulator.authorityHost(),
                "--license-reconciler.graph.trust-store=" + emulator.trustStore(),
                "--license-reconciler.graph.trust-store-password=" + new String(emulator.trustStorePassword())),
                Stream.of(credentials)).toArray(String[]::new));
    }

    private void signedInWithAnAssertionNotASecret() {
        assertThat(dir.resolve("tenant").resolve("users.csv")).content().contains("ada@contoso.example");
        assertThat(emulator.requests().all()).filteredOn(r -> r.path().contains("/oauth2/v2.0/token")).isNotEmpty()
                .allSatisfy(r -> assertThat(r.body()).contains("client_assertion=REDACTED").doesNotContain("client_secret"));
    }

    @Test
    void aPemCertificateSignsIn() throws IOException {
        Path pem = registered.writePem(dir.resolve("app.pem"));

        assertThat(snapshot("--license-reconciler.graph.certificate-path=" + pem)).as(console.err()).isZero();

        signedInWithAnAssertionNotASecret();
    }

    @Test
    void aPfxCertificateWithItsPasswordSignsIn() throws IOException {
        Path pfx = registered.writePfx(dir.resolve("app.pfx"), "pfx-pass".toCharArray());

        assertThat(snapshot("--license-reconciler.graph.certificate-path=" + pfx,
                "--license-reconciler.graph.certificate-password=pfx-pass")).as(console.err()).isZero();

        signedInWithAnAssertionNotASecret();
    }

    @Test
    void aCertificateTheAppDoesNotHaveIsRefusedInOneLineAndNothingIsWritten() throws IOException {
        AppCertificate other = AppCertificate.create("license-reconciler");
        Path pem = other.writePem(dir.resolve("other.pem"));

        assertThat(snapshot("--license-reconciler.graph.certificate-path=" + pem)).isEqualTo(1);

        String said = console.out() + console.err();
        // azure-identity names the certificate by its SHA-256 thumbprint (x5t#S256), which Entra quotes.
        assertThat(said).contains("AADSTS700027", other.thumbprint("SHA-256"));
        String line = said.lines().filter(l -> l.contains("AADSTS700027")).findFirst().orElseThrow();
        assertThat(line).contains("cert-job: snapshot failed", emulator.clientId(), pem.toString(),
                "Certificates & secrets");
        assertThat(said).doesNotContain("\tat ", "Exception", "Trace ID");
        assertThat(said.lines().filter(l -> l.contains("AADSTS"))).hasSize(1);
        assertThat(dir.resolve("tenant").resolve("users.csv")).doesNotExist();
    }
}
