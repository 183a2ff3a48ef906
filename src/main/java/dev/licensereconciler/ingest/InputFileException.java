package dev.licensereconciler.ingest;

/**
 * An input file that cannot be used as a whole (missing, unreadable, undecodable, empty, or
 * lacking a required column). The run must fail without publishing anything (R13), so the message
 * names the file, the line (0 when the file as such is at fault) and what to do about it.
 */
public class InputFileException extends RuntimeException {

    private final String file;
    private final int line;

    public InputFileException(String file, int line, String problemAndRemedy) {
        this(file, line, problemAndRemedy, null);
    }

    public InputFileException(String file, int line, String problemAndRemedy, Throwable cause) {
        super((line > 0 ? file + " line " + line : file) + ": " + problemAndRemedy, cause);
        this.file = file;
        this.line = line;
    }

    /** The file's name (not its path), as errors.csv names files. */
    public String file() {
        return file;
    }

    /** The line at fault, the header being line 1; 0 when the file as a whole is at fault. */
    public int line() {
        return line;
    }
}
