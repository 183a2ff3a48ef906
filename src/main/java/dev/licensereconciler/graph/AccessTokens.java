package dev.licensereconciler.graph;

/**
 * App-only access tokens for Graph. {@link #renew()} drops whatever is cached: Graph answered 401
 * to the current token (it expired early, or was revoked), so the next {@link #token()} signs in
 * again.
 */
public interface AccessTokens {

    String token();

    void renew();
}
