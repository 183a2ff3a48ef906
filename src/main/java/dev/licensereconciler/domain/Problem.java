package dev.licensereconciler.domain;

/**
 * One row of errors.csv: a bad input row (file and line set, the header being line 1) or a
 * refused change (file empty, line 0). {@code user} and {@code sku} hold only references that
 * resolved (the UPN as users.csv spells it, the trimmed String_Id); an unresolved value is
 * quoted in the message instead.
 */
public record Problem(String file, int line, String user, String sku, ErrorCode code, String message, String fix) {

    public Problem {
        file = file == null ? "" : file;
        user = user == null ? "" : user;
        sku = sku == null ? "" : sku;
        message = message == null ? "" : message;
        fix = fix == null ? "" : fix;
    }

    public static Problem inFile(String file, int line, ErrorCode code, String message, String fix) {
        return new Problem(file, line, "", "", code, message, fix);
    }

    public static Problem refusal(String user, String sku, ErrorCode code, String message, String fix) {
        return new Problem("", 0, user, sku, code, message, fix);
    }

    public boolean isInputError() {
        return !file.isEmpty();
    }
}
