package dev.licensereconciler.graph;

/** One request inside a JSON batch: its id, method, URL relative to the version root, JSON body or null. */
public record SubRequest(String id, String method, String url, String body) {
}
