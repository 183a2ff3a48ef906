package dev.licensereconciler.graph.emulator;

import java.time.Instant;

/** One HTTP request (or $batch sub-request, path prefixed with "$batch:") the emulator answered. */
public record Recorded(String method, String path, String body, int status, Instant at) {
}
