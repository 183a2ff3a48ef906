package dev.licensereconciler.graph;

import com.microsoft.graph.core.content.BatchRequestContent;
import com.microsoft.graph.core.models.BatchRequestStep;
import com.microsoft.graph.core.requests.BaseGraphRequestAdapter;
import com.microsoft.kiota.authentication.AnonymousAuthenticationProvider;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of a {@code POST /$batch}, written by the Graph core's {@link BatchRequestContent} (which
 * also enforces the 20-request limit and makes URLs relative to the version root). Needs no token:
 * {@code --dry-run} prints exactly these bodies.
 */
final class BatchContent {

    static final int MAX_REQUESTS = 20;
    private static final MediaType JSON = MediaType.get("application/json");

    private final String baseUrl;
    private final BaseGraphRequestAdapter adapter;

    BatchContent(String baseUrl, OkHttpClient http) {
        this.baseUrl = baseUrl;
        // The adapter only lends its serializers to the batch content; nothing is sent through it.
        this.adapter = new BaseGraphRequestAdapter(new AnonymousAuthenticationProvider(), baseUrl, http);
    }

    String json(List<SubRequest> requests) {
        if (requests.isEmpty() || requests.size() > MAX_REQUESTS) {
            throw new IllegalArgumentException("a Graph batch holds 1 to 20 requests, not " + requests.size());
        }
        // Steps are added one by one: the core's list constructor refuses a full batch of 20
        // (its check is size >= 20), while adding a step checks the size before the step.
        BatchRequestContent content = new BatchRequestContent(adapter, new ArrayList<>());
        for (SubRequest r : requests) {
            Request.Builder b = new Request.Builder().url(baseUrl + r.url());
            b.method(r.method(), r.body() == null ? null : RequestBody.create(r.body(), JSON));
            if (!content.addBatchRequestStep(new BatchRequestStep(r.id(), b.build()))) {
                throw new IllegalArgumentException("the Graph core refused request " + r.id() + " of the batch");
            }
        }
        try (InputStream in = content.getBatchRequestContent()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
