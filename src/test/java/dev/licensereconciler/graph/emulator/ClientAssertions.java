package dev.licensereconciler.graph.emulator;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Checks a client_assertion as the identity platform does for a certificate credential
 * (identity-platform/certificate-credentials.md): a JWT whose header names the certificate by its thumbprint
 * ({@code x5t#S256}, SHA-256, with PS256; or {@code x5t}, SHA-1, with RS256), signed with the private key of a
 * certificate registered for the app, with aud = the token endpoint, iss = sub = the client id and exp in the future.
 * Refusals carry Entra's AADSTS codes and wording.
 */
final class ClientAssertions {

    static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    /** Why the identity platform refuses an assertion: its AADSTS code and description. */
    record Refusal(int code, String description) {
    }

    private static final DateTimeFormatter KEY_DATES = DateTimeFormatter.ofPattern("MM/dd/yyyy HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private ClientAssertions() {
    }

    static Signature signature(String alg) throws GeneralSecurityException {
        if (alg.equals("PS256")) {
            Signature pss = Signature.getInstance("RSASSA-PSS");
            pss.setParameter(AppCertificate.pss());
            return pss;
        }
        return Signature.getInstance("SHA256withRSA");
    }

    /** What is wrong with the assertion, or null if the app proved it holds a registered certificate's key. */
    static Refusal check(String assertion, String assertionType, String clientId, String tokenEndpoint,
                         List<X509Certificate> registered) {
        if (!JWT_BEARER.equals(assertionType)) {
            return malformed("client_assertion_type must be " + JWT_BEARER + ", got " + assertionType);
        }
        String[] parts = assertion.split("\\.", -1);
        if (parts.length != 3) {
            return new Refusal(50027, "Invalid JWT token. Token format not valid.");
        }
        Map<?, ?> header = object(parts[0]);
        Map<?, ?> claims = object(parts[1]);
        if (header == null || claims == null) {
            return new Refusal(50027, "Invalid JWT token. Token format not valid.");
        }
        Object alg = header.get("alg");
        boolean sha256 = header.get("x5t#S256") instanceof String;
        Object thumbprint = sha256 ? header.get("x5t#S256") : header.get("x5t");
        if (!(thumbprint instanceof String print)) {
            return new Refusal(50027, "Invalid JWT token. No certificate thumbprint specified in token header.");
        }
        byte[] wanted = thumbprint(print);
        if (wanted == null) {
            return new Refusal(50027, "Invalid JWT token. The certificate thumbprint in the token header is not base64.");
        }
        String hex = HexFormat.of().withUpperCase().formatHex(wanted);
        X509Certificate key = registered.stream().filter(c -> Arrays.equals(digest(c, sha256 ? "SHA-256" : "SHA-1"), wanted))
                .findFirst().orElse(null);
        if (key == null) {
            return new Refusal(700027, "Client assertion contains an invalid signature. [Reason - The key was not found., "
                    + "Thumbprint of key used by client: '" + hex + "', Please visit the Azure Portal, Graph Explorer or "
                    + "directly use MS Graph to see configured keys for app Id '" + clientId + "'. Review the documentation "
                    + "at https://docs.microsoft.com/en-us/graph/deployments to determine the corresponding service "
                    + "endpoint and https://docs.microsoft.com/en-us/graph/api/application-get?view=graph-rest-1.0&tabs=http "
                    + "to build a query request URL, such as 'https://graph.microsoft.com/beta/applications/" + clientId
                    + "']");
        }
        if (!"RS256".equals(alg) && !"PS256".equals(alg)) {
            return malformed("the signing algorithm " + alg + " is not supported; use PS256 or RS256");
        }
        if (!verifies((String) alg, parts, key)) {
            return new Refusal(700027, "Client assertion contains an invalid signature. [Reason - Key was found, but use "
                    + "of the key to verify the signature failed., Thumbprint of key used by client: '" + hex + "', Found "
                    + "key 'Start=" + KEY_DATES.format(key.getNotBefore().toInstant()) + ", End="
                    + KEY_DATES.format(key.getNotAfter().toInstant()) + "']");
        }
        if (!clientId.equalsIgnoreCase(String.valueOf(claims.get("iss")))
                || !clientId.equalsIgnoreCase(String.valueOf(claims.get("sub")))) {
            return malformed("iss and sub must be the client id " + clientId);
        }
        Object aud = claims.get("aud");
        if (!(aud instanceof String audience) || !audience.equalsIgnoreCase(tokenEndpoint)) {
            return malformed("aud must be " + tokenEndpoint + ", got " + aud);
        }
        long now = Instant.now().getEpochSecond();
        if (!(claims.get("exp") instanceof Number exp) || exp.longValue() <= now) {
            return new Refusal(700024, "Client assertion is not within its valid time range. Current time: "
                    + Instant.ofEpochSecond(now) + ", expiry time of assertion " + (claims.get("exp") instanceof Number e
                    ? Instant.ofEpochSecond(e.longValue()) : "(none)") + ".");
        }
        return null;
    }

    /**
     * The thumbprint bytes. msal4j writes x5t#S256 in the standard base64 alphabet ('+', '/', '=') rather than
     * base64url, and Entra accepts its assertions, so both alphabets are read.
     */
    private static byte[] thumbprint(String text) {
        try {
            return Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException notUrl) {
            try {
                return Base64.getDecoder().decode(text);
            } catch (IllegalArgumentException notBase64) {
                return null;
            }
        }
    }

    private static Refusal malformed(String problem) {
        return new Refusal(700027, "Client assertion failed signature validation or is malformed: " + problem);
    }

    private static boolean verifies(String alg, String[] parts, X509Certificate key) {
        try {
            Signature verifier = signature(alg);
            verifier.initVerify(key.getPublicKey());
            verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            return verifier.verify(Base64.getUrlDecoder().decode(parts[2]));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static Map<?, ?> object(String part) {
        try {
            return Json.parse(new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8)) instanceof Map<?, ?> m
                    ? m : null;
        } catch (IllegalArgumentException | Json.MalformedJson e) {
            return null;
        }
    }

    private static byte[] digest(X509Certificate certificate, String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm).digest(certificate.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
