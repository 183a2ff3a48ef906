package dev.licensereconciler.job;

import java.nio.file.Path;

/** A job file that cannot be used; the message names the file, the key and how to fix it. */
public class InvalidJobFileException extends RuntimeException {

    public InvalidJobFileException(Path file, String problem) {
        super(file + ": " + problem);
    }

    public InvalidJobFileException(String message) {
        super(message);
    }
}
