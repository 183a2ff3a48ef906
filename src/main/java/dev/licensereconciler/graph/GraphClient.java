package dev.licensereconciler.graph;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.microsoft.graph.core.content.BatchResponseContent;
import com.microsoft.kiota.http.ObservabilityOptions;
import com.microsoft.kiota.http.middleware.options.RedirectHandlerOption;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Microsoft Graph over an OkHttp client built by the Graph core (its retry handler rides out
 * whole-request 429/503/504, honouring Retry-After, with exponential backoff otherwise) plus the
 * bearer-token interceptor. Errors come back as {@link GraphException} with Graph's code and message.
 */
public final class GraphClient implements GraphGateway {

    private static final MediaType JSON = MediaType.get("application/json");
    private static final ObservabilityOptions OBSERVABILITY = new ObservabilityOptions();
    /** A report's 302 is read, not followed: the download must go without the app's token. */
    private static final RedirectHandlerOption NO_REDIRECT = new RedirectHandlerOption(0, response -> false);
    /** Attempts at a report download (each with a fresh URL: they last minutes) before it is given up. */
    static final int DOWNLOAD_ATTEMPTS = 3;

    private final OkHttpClient http;
    private final String baseUrl;
    private final BatchContent batchContent;
    private final OkHttpClient reports;
    private final OkHttpClient downloads;

    public GraphClient(OkHttpClient http, String baseUrl) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.batchContent = new BatchContent(baseUrl, http);
        this.reports = http.newBuilder().followRedirects(false).followSslRedirects(false).build();
        // Same trust and timeouts, none of Graph's middleware: above all no bearer token. The download URL is
        // pre-authenticated; a redirect on from it (to storage) is followed as any HTTP client would.
        OkHttpClient.Builder plain = http.newBuilder().followRedirects(true).followSslRedirects(true);
        plain.interceptors().clear();
        plain.networkInterceptors().clear();
        this.downloads = plain.build();
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** GET of a URL relative to the version root (or an absolute nextLink). */
    public JsonObject get(String url) {
        Request request = traced(new Request.Builder().url(url.startsWith("http") ? url : baseUrl + url).get());
        try (Response response = http.newCall(request).execute()) {
            String body = text(response.body());
            if (!response.isSuccessful()) {
                throw error(response.code(), body, request.url().encodedPath());
            }
            return JsonParser.parseString(body).getAsJsonObject();
        } catch (IOException e) {
            throw new GraphException(0, "Unreachable", "Microsoft Graph at " + baseUrl + " could not be reached: "
                    + e.getMessage(), e);
        }
    }

    /**
     * A usage report (GET /reports/...(period='D180')) streamed into {@code target}: Graph answers 302 Found
     * with a pre-authenticated download URL that lasts minutes (reportroot-getoffice365activeuserdetail.md),
     * fetched without the app's token. A download that fails (5xx, or the connection drops) is tried again
     * with a fresh URL, {@link #DOWNLOAD_ATTEMPTS} times in all; the URL itself is a credential for its
     * minutes and never appears in a message. Graph's own refusals (403 without Reports.Read.All) come back as
     * {@link GraphException} with Graph's code, as every call's do.
     */
    public void report(String path, Path target) {
        GraphException last = null;
        for (int attempt = 1; attempt <= DOWNLOAD_ATTEMPTS; attempt++) {
            String location = reportLocation(path, target);
            if (location == null) {
                return; // answered with the CSV itself
            }
            try {
                download(location, target);
                return;
            } catch (GraphException e) {
                last = e;
                if (e.status() != 0 && e.status() < 500) {
                    throw e;
                }
                if (attempt < DOWNLOAD_ATTEMPTS) {
                    pause(Duration.ofSeconds(attempt));
                }
            }
        }
        throw new GraphException(last.status(), last.code(), "the report download failed " + DOWNLOAD_ATTEMPTS
                + " times (last: " + last.getMessage() + ")", last);
    }

    /** The download URL of Graph's 302; null when Graph sent the CSV itself (then it is in {@code target}). */
    private String reportLocation(String path, Path target) {
        Request request = new Request.Builder().url(baseUrl + path).get()
                .tag(ObservabilityOptions.class, OBSERVABILITY).tag(RedirectHandlerOption.class, NO_REDIRECT).build();
        try (Response response = reports.newCall(request).execute()) {
            if (response.isRedirect()) {
                String location = response.header("Location");
                if (location == null || location.isBlank()) {
                    throw new GraphException(response.code(), "NoLocation", "Graph answered " + response.code()
                            + " to " + request.url().encodedPath() + " without a Location to download the report from");
                }
                HttpUrl resolved = request.url().resolve(location);
                return resolved == null ? location : resolved.toString();
            }
            if (!response.isSuccessful()) {
                throw error(response.code(), text(response.body()), request.url().encodedPath());
            }
            copy(response.body(), target);
            return null;
        } catch (IOException e) {
            throw new GraphException(0, "Unreachable", "Microsoft Graph at " + baseUrl + " could not be reached: "
                    + e.getMessage(), e);
        }
    }

    private void download(String location, Path target) {
        Request request = new Request.Builder().url(location).get().build();
        String host = request.url().host();
        try (Response response = downloads.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                throw new GraphException(response.code(), "DownloadFailed", "the report download from " + host
                        + " answered " + response.code());
            }
            copy(response.body(), target);
        } catch (IOException e) {
            throw new GraphException(0, "Unreachable", "the report download from " + host + " broke off: "
                    + e.getMessage(), e);
        }
    }

    /** Byte for byte, as it streams in: a million-row report never sits in memory. */
    private static void copy(ResponseBody body, Path target) throws IOException {
        try (InputStream in = body == null ? InputStream.nullInputStream() : body.byteStream()) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void pause(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GraphException(0, "Interrupted", "the report download was interrupted");
        }
    }

    /** Every {@code value} of a collection, following {@code @odata.nextLink} page by page. */
    public void pages(String url, Consumer<JsonObject> each) {
        String next = url;
        while (next != null) {
            JsonObject page = get(next);
            for (JsonElement e : page.getAsJsonArray("value")) {
                each.accept(e.getAsJsonObject());
            }
            JsonElement link = page.get("@odata.nextLink");
            next = link == null || link.isJsonNull() ? null : link.getAsString();
        }
    }

    @Override
    public List<SubResponse> batch(List<SubRequest> requests) {
        String body = batchContent.json(requests);
        Request request = traced(new Request.Builder().url(baseUrl + "/$batch").post(RequestBody.create(body, JSON)));
        try (Response response = http.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                throw error(response.code(), text(response.body()), "/$batch");
            }
            BatchResponseContent content = new BatchResponseContent(response);
            Map<String, Response> answers = content.getResponses();
            List<SubResponse> out = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (Map.Entry<String, Response> e : answers.entrySet()) {
                Response r = e.getValue();
                String text = text(r.body());
                String[] codeAndMessage = r.isSuccessful() ? new String[] {null, null} : codeAndMessage(text);
                out.add(new SubResponse(e.getKey(), r.code(), retryAfter(r.header("Retry-After")),
                        codeAndMessage[0], codeAndMessage[1]));
                seen.add(e.getKey());
            }
            for (SubRequest r : requests) {
                if (!seen.contains(r.id())) {
                    // An answer missing from the batch: nothing says whether it ran, so it is verified later.
                    out.add(new SubResponse(r.id(), 0, Duration.ZERO, "NoAnswer", "the batch answer has no entry for request " + r.id()));
                }
            }
            return out;
        } catch (IOException e) {
            throw new GraphException(0, "Unreachable", "Microsoft Graph at " + baseUrl + " did not answer a batch: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public UserLicenses licenses(String user) {
        try {
            JsonObject u = get("/users/" + pathSegment(user) + "?$select=id,assignedLicenses,licenseAssignmentStates");
            return new UserLicenses(true, GraphJson.paths(u));
        } catch (GraphException e) {
            if (e.status() == 404) {
                return new UserLicenses(false, List.of());
            }
            throw e;
        }
    }

    /**
     * The Graph core's retry handler takes its tracing span from the request's observability
     * options (its own request adapter sets them); without them it fails on the first retry. With
     * no OpenTelemetry SDK present the spans are no-ops.
     */
    private static Request traced(Request.Builder builder) {
        return builder.tag(ObservabilityOptions.class, OBSERVABILITY).build();
    }

    /** An id or UPN as one path segment: a guest's {@code #EXT#} must not end the path. */
    static String pathSegment(String idOrUpn) {
        return URLEncoder.encode(idOrUpn, StandardCharsets.UTF_8).replace("+", "%20").replace("%40", "@");
    }

    static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return Duration.ZERO;
        }
        try {
            return Duration.ofSeconds(Long.parseLong(header.trim()));
        } catch (NumberFormatException e) {
            return Duration.ZERO;
        }
    }

    static GraphException error(int status, String body, String what) {
        String[] cm = codeAndMessage(body);
        return new GraphException(status, cm[0], "Graph answered " + status + " " + cm[0] + " to " + what + ": " + cm[1]);
    }

    /** Graph's {"error":{"code":..,"message":..}}, or the status text when the body is not that. */
    static String[] codeAndMessage(String body) {
        try {
            JsonObject error = JsonParser.parseString(body).getAsJsonObject().getAsJsonObject("error");
            String code = error.has("code") ? error.get("code").getAsString() : "Unknown";
            String message = error.has("message") ? error.get("message").getAsString() : "";
            return new String[] {code, message};
        } catch (RuntimeException e) {
            return new String[] {"Unknown", body == null ? "" : body.length() > 300 ? body.substring(0, 300) : body};
        }
    }

    private static String text(ResponseBody body) throws IOException {
        return body == null ? "" : body.string();
    }

    static List<String> strings(JsonArray array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            for (JsonElement e : array) {
                if (!e.isJsonNull()) {
                    out.add(e.getAsString());
                }
            }
        }
        return out;
    }
}
