package dev.licensereconciler.graph.emulator;

import dev.licensereconciler.graph.emulator.EmulatedTenant.Answer;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Graph's error resource (concepts/errors.md): {"error": {"code", "message", "innerError": {...}}}. */
final class GraphErrors {

    private GraphErrors() {
    }

    static Answer error(int status, String code, String message) {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("date", LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toString());
        inner.put("request-id", UUID.randomUUID().toString());
        inner.put("client-request-id", UUID.randomUUID().toString());
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        error.put("innerError", inner);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        return new Answer(status, body);
    }

    static Answer badRequest(String message) {
        return error(400, "Request_BadRequest", message);
    }

    static Answer notFound(String id) {
        return error(404, "Request_ResourceNotFound", "Resource '" + id
                + "' does not exist or one of its queried reference-property objects are not present.");
    }

    /** The throttling doc's 429 body; the Retry-After header is set by the caller. */
    static Answer tooManyRequests() {
        Answer answer = error(429, "TooManyRequests", "Please retry again later.");
        @SuppressWarnings("unchecked")
        Map<String, Object> inner = (Map<String, Object>) ((Map<String, Object>) answer.body().get("error"))
                .get("innerError");
        inner.put("code", "429");
        inner.put("message", "Please retry after");
        inner.put("status", "429");
        return answer;
    }

    static Answer serverError(int status) {
        return switch (status) {
            case 503 -> error(503, "serviceNotAvailable", "The service is temporarily unavailable for maintenance or"
                    + " is overloaded. You may repeat the request after a delay, which can be specified in a"
                    + " Retry-After header.");
            case 504 -> error(504, "timeout", "The operation timed out before it could be completed.");
            default -> error(status, "generalException", "An unspecified error has occurred.");
        };
    }
}
