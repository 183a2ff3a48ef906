package dev.licensereconciler.job;

import java.nio.file.Path;

/** A job file that cannot be used; the message names the file, the key and how to fix it. */
public class InvalidJobFileException extends RuntimeException {

    private final transient Path file;

    public InvalidJobFileException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public InvalidJobFileException(String message) {
        super(message);
        this.file = null;
    }

    /** The job file the problem is in; null for a problem with the jobs folder or a job name. */
    public Path file() {
        return file;
    }
}
