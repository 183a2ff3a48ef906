package dev.licensereconciler.graph.emulator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * Checks a client_assertion as the identity platform describes it (certificate credentials): a JWT with
 * aud = the token endpoint, iss = sub = the client id, exp in the future. The emulator has no registered
 * certificate, so the signature itself is not verified.
 */
final class ClientAssertions {

    static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private ClientAssertions() {
    }

    /** What is wrong with the assertion, or null if it is acceptable. */
    static String problem(String assertion, String assertionType, String clientId, String tokenEndpoint) {
        if (!JWT_BEARER.equals(assertionType)) {
            return "client_assertion_type must be " + JWT_BEARER + ", got " + assertionType;
        }
        String[] parts = assertion.split("\\.");
        if (parts.length != 3) {
            return "the assertion is not a JWT (header.payload.signature)";
        }
        Object claims;
        try {
            claims = Json.parse(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return "the assertion's payload is not base64url JSON";
        }
        if (!(claims instanceof Map<?, ?> map)) {
            return "the assertion's payload is not a JSON object";
        }
        if (!clientId.equalsIgnoreCase(String.valueOf(map.get("iss")))
                || !clientId.equalsIgnoreCase(String.valueOf(map.get("sub")))) {
            return "iss and sub must be the client id " + clientId;
        }
        Object aud = map.get("aud");
        if (!(aud instanceof String audience) || !audience.equalsIgnoreCase(tokenEndpoint)) {
            return "aud must be " + tokenEndpoint + ", got " + aud;
        }
        if (!(map.get("exp") instanceof Number exp) || exp.longValue() <= Instant.now().getEpochSecond()) {
            return "the assertion has expired (exp)";
        }
        return null;
    }
}
