package dev.licensereconciler.graph;

import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Adds the app's bearer token to every Graph request. A 401 means the token expired or was
 * revoked mid-apply: the token is renewed and the request sent once more, so a long apply rides
 * over a token's lifetime. A second 401 goes back to the caller (the app lost its consent).
 */
final class BearerTokenInterceptor implements Interceptor {

    private final AccessTokens tokens;
    private final AtomicInteger renewals = new AtomicInteger();

    BearerTokenInterceptor(AccessTokens tokens) {
        this.tokens = tokens;
    }

    int renewals() {
        return renewals.get();
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        Response response = chain.proceed(authorized(request));
        if (response.code() != 401) {
            return response;
        }
        response.close();
        tokens.renew();
        renewals.incrementAndGet();
        return chain.proceed(authorized(request));
    }

    private Request authorized(Request request) {
        return request.newBuilder().header("Authorization", "Bearer " + tokens.token()).build();
    }
}
