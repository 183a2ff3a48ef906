package dev.licensereconciler.graph.emulator;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Makes self-signed X.509 v3 certificates: the emulator's TLS one (EC P-256, SHA256withECDSA) for CN=localhost
 * with subject alternative names IP:127.0.0.1 and DNS:localhost, and RSA ones for app registrations
 * ({@link AppCertificate}), with public java.security APIs only: the DER is written here, signed with
 * {@link Signature}, and read back by {@link CertificateFactory}. In-process, so no keytool JVM has to start.
 */
final class SelfSignedCertificate {

    record Made(KeyPair keys, X509Certificate certificate) {
    }

    private static final byte[] OID_ECDSA_SHA256 = oid(1, 2, 840, 10045, 4, 3, 2);
    private static final byte[] OID_RSA_SHA256 = oid(1, 2, 840, 113549, 1, 1, 11);
    private static final byte[] OID_COMMON_NAME = oid(2, 5, 4, 3);
    private static final byte[] OID_SUBJECT_ALT_NAME = oid(2, 5, 29, 17);
    private static final byte[] OID_BASIC_CONSTRAINTS = oid(2, 5, 29, 19);
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private SelfSignedCertificate() {
    }

    static Made make(Duration validity) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        byte[] altNames = seq(tlv(0x87, new byte[] {127, 0, 0, 1}),
                tlv(0x82, "localhost".getBytes(StandardCharsets.US_ASCII)));
        return make(generator.generateKeyPair(), "SHA256withECDSA", seq(OID_ECDSA_SHA256), "localhost", altNames,
                validity);
    }

    /**
     * An RSA 2048 certificate for CN={@code commonName}, signed SHA256withRSA, as an app registration's
     * certificate credential is (Entra signs nothing with it; the app signs its client assertions).
     */
    static Made makeRsa(String commonName, Duration validity) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return make(generator.generateKeyPair(), "SHA256withRSA", seq(OID_RSA_SHA256, tlv(0x05, new byte[0])),
                commonName, null, validity);
    }

    private static Made make(KeyPair keys, String signatureAlgorithm, byte[] algorithm, String commonName,
                             byte[] altNames, Duration validity) throws GeneralSecurityException {
        byte[] name = seq(set(seq(OID_COMMON_NAME, tlv(0x0C, commonName.getBytes(StandardCharsets.UTF_8)))));
        Instant now = Instant.now();
        byte[] validityDer = seq(utcTime(now.minus(Duration.ofHours(1))), utcTime(now.plus(validity)));
        byte[] basicConstraints = seq(OID_BASIC_CONSTRAINTS, tlv(0x04, seq()));
        byte[] extensions = tlv(0xA3, altNames == null ? seq(basicConstraints)
                : seq(seq(OID_SUBJECT_ALT_NAME, tlv(0x04, altNames)), basicConstraints));
        byte[] serial = tlv(0x02, new BigInteger(63, new SecureRandom()).add(BigInteger.ONE).toByteArray());
        byte[] tbs = seq(tlv(0xA0, tlv(0x02, new byte[] {2})), serial, algorithm, name, validityDer, name,
                keys.getPublic().getEncoded(), extensions);

        Signature signer = Signature.getInstance(signatureAlgorithm);
        signer.initSign(keys.getPrivate());
        signer.update(tbs);
        byte[] signature = signer.sign();
        byte[] bitString = new byte[signature.length + 1];
        System.arraycopy(signature, 0, bitString, 1, signature.length);
        byte[] der = seq(tbs, algorithm, tlv(0x03, bitString));
        X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
        certificate.verify(keys.getPublic());
        return new Made(keys, certificate);
    }

    private static byte[] utcTime(Instant instant) {
        return tlv(0x17, UTC_TIME.format(instant).getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] seq(byte[]... parts) {
        return tlv(0x30, concat(parts));
    }

    private static byte[] set(byte[]... parts) {
        return tlv(0x31, concat(parts));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** DER tag-length-value with definite length. */
    private static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = value.length;
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length & 0xFF);
        }
        out.writeBytes(value);
        return out.toByteArray();
    }

    private static byte[] oid(int... arcs) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(arcs[0] * 40 + arcs[1]);
        for (int i = 2; i < arcs.length; i++) {
            int arc = arcs[i];
            int groups = 1;
            for (int v = arc >>> 7; v != 0; v >>>= 7) {
                groups++;
            }
            for (int g = groups - 1; g >= 0; g--) {
                int bits = (arc >>> (7 * g)) & 0x7F;
                body.write(g == 0 ? bits : bits | 0x80);
            }
        }
        return tlv(0x06, body.toByteArray());
    }
}
