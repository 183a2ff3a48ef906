package dev.licensereconciler.graph;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeader;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * azure-core's HTTP client interface over OkHttp, so that the token requests of azure-identity
 * go through the same client (TLS trust, proxy, timeouts) as the Graph requests, and the
 * application does not carry Netty for a handful of token requests.
 */
final class OkHttpAzureClient implements HttpClient {

    private final OkHttpClient client;

    OkHttpAzureClient(OkHttpClient client) {
        this.client = client;
    }

    @Override
    public Mono<HttpResponse> send(HttpRequest request) {
        return Mono.fromCallable(() -> sendSync(request, null));
    }

    @Override
    public HttpResponse sendSync(HttpRequest request, Context context) {
        Request.Builder builder = new Request.Builder().url(request.getUrl());
        String contentType = null;
        for (HttpHeader h : request.getHeaders()) {
            builder.addHeader(h.getName(), h.getValue());
            if (h.getName().equalsIgnoreCase("Content-Type")) {
                contentType = h.getValue();
            }
        }
        BinaryData body = request.getBodyAsBinaryData();
        RequestBody requestBody = null;
        if (body != null) {
            requestBody = RequestBody.create(body.toBytes(), contentType == null ? null : MediaType.parse(contentType));
        } else if (!request.getHttpMethod().name().equals("GET") && !request.getHttpMethod().name().equals("HEAD")) {
            requestBody = RequestBody.create(new byte[0], null);
        }
        builder.method(request.getHttpMethod().name(), requestBody);
        try (Response response = client.newCall(builder.build()).execute()) {
            ResponseBody rb = response.body();
            byte[] bytes = rb == null ? new byte[0] : rb.bytes();
            HttpHeaders headers = new HttpHeaders();
            response.headers().forEach(pair -> headers.add(HttpHeaderName.fromString(pair.getFirst()), pair.getSecond()));
            return new Buffered(request, response.code(), headers, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class Buffered extends HttpResponse {
        private final int status;
        private final HttpHeaders headers;
        private final byte[] body;

        Buffered(HttpRequest request, int status, HttpHeaders headers, byte[] body) {
            super(request);
            this.status = status;
            this.headers = headers;
            this.body = body;
        }

        @Override
        public int getStatusCode() {
            return status;
        }

        @Override
        @Deprecated
        public String getHeaderValue(String name) {
            return headers.getValue(HttpHeaderName.fromString(name));
        }

        @Override
        public HttpHeaders getHeaders() {
            return headers;
        }

        @Override
        public Flux<ByteBuffer> getBody() {
            return Flux.just(ByteBuffer.wrap(body));
        }

        @Override
        public Mono<byte[]> getBodyAsByteArray() {
            return Mono.just(body);
        }

        @Override
        public Mono<String> getBodyAsString() {
            return Mono.just(new String(body, StandardCharsets.UTF_8));
        }

        @Override
        public Mono<String> getBodyAsString(Charset charset) {
            return Mono.just(new String(body, charset));
        }

        @Override
        public BinaryData getBodyAsBinaryData() {
            return BinaryData.fromBytes(body);
        }
    }
}
