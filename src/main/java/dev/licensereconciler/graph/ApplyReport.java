package dev.licensereconciler.graph;

import java.nio.file.Path;

/**
 * The outcome of an apply. {@code exitStatus} as for {@code run}: 0 every request applied (or
 * carried out by Entra), 3 completed with failed requests to review (apply.csv), 1 refused or
 * stopped ({@code message} says why and what to do; a stopped apply resumes when started again).
 */
public record ApplyReport(int exitStatus, String runId, int requests, int applied, int failed, int byEntra,
                          int batches, Path file, String message) {

    public static final int CLEAN = 0;
    public static final int FAILED = 1;
    public static final int PROBLEMS = 3;

    static ApplyReport refused(String runId, String message) {
        return new ApplyReport(FAILED, runId, 0, 0, 0, 0, 0, null, message);
    }
}
