package dev.licensereconciler.graph;

/**
 * Graph (or the identity platform) answered with an error, or could not be reached: the HTTP status
 * (0 when there was no answer), Graph's error code and its message.
 */
public class GraphException extends RuntimeException {

    private final int status;
    private final String code;

    public GraphException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public GraphException(int status, String code, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
