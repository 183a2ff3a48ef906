package dev.licensereconciler.graph.emulator;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A certificate credential of an app registration, made at test time: an RSA 2048 key and its self-signed
 * certificate, written as the files an admin hands the product (a PEM with the private key and the certificate, or
 * a password-protected PFX). Register {@link #certificate()} with {@link GraphEmulator#registerCertificate} as an
 * admin uploads it under Certificates &amp; secrets.
 */
public record AppCertificate(X509Certificate certificate, PrivateKey privateKey) {

    public static AppCertificate create(String commonName) {
        try {
            SelfSignedCertificate.Made made = SelfSignedCertificate.makeRsa(commonName, Duration.ofDays(2));
            return new AppCertificate(made.certificate(), made.keys().getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot make a test certificate", e);
        }
    }

    /** PKCS#8 private key and the certificate in one PEM file, as azure-identity's pemCertificate reads it. */
    public Path writePem(Path file) throws IOException {
        try {
            String pem = pem("PRIVATE KEY", privateKey.getEncoded()) + pem("CERTIFICATE", certificate.getEncoded());
            Files.writeString(file, pem, StandardCharsets.US_ASCII);
            return file;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A PKCS12 (PFX) file with the key and certificate under {@code password}. */
    public Path writePfx(Path file, char[] password) throws IOException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("app", privateKey, password, new Certificate[] {certificate});
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, password);
            }
            return file;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The SHA-1 thumbprint in hex, as the Entra admin center shows it. */
    public String thumbprint() {
        return thumbprint("SHA-1");
    }

    /** The thumbprint by {@code algorithm} (SHA-1, SHA-256) in hex, as AADSTS errors quote the one the client sent. */
    public String thumbprint(String algorithm) {
        return HexFormat.of().withUpperCase().formatHex(digest(algorithm));
    }

    byte[] digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm).digest(certificate.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A client assertion signed with this key: RS256 with the x5t (SHA-1) header, or PS256 with x5t#S256, the two
     * forms certificate-credentials.md has documented.
     */
    public String assertion(String alg, Map<String, Object> claims) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", alg);
        header.put("typ", "JWT");
        if (alg.equals("PS256")) {
            header.put("x5t#S256", b64.encodeToString(digest("SHA-256")));
        } else {
            header.put("x5t", b64.encodeToString(digest("SHA-1")));
        }
        String signingInput = b64.encodeToString(Json.write(header).getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(Json.write(claims).getBytes(StandardCharsets.UTF_8));
        try {
            Signature signer = ClientAssertions.signature(alg);
            signer.initSign(privateKey);
            signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + b64.encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    // Used by the verifier too, so signer and verifier agree on PS256's parameters (RFC 7518 §3.5).
    static PSSParameterSpec pss() {
        return new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1);
    }
}
