package dev.licensereconciler.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A column a reader looks for: the name messages use, plus the other spellings real exports use.
 * Headers match when equal after {@link #normalize}, so "User principal name", "userPrincipalName"
 * and "USER_PRINCIPAL_NAME" are one column.
 */
public record Column(String name, List<String> aliases) {

    public Column {
        aliases = List.copyOf(aliases);
    }

    public static Column of(String name, String... aliases) {
        return new Column(name, List.of(aliases));
    }

    /** Every accepted spelling, normalized, the display name first. */
    List<String> keys() {
        List<String> keys = new ArrayList<>(aliases.size() + 1);
        keys.add(normalize(name));
        for (String a : aliases) {
            keys.add(normalize(a));
        }
        return keys;
    }

    /** How the message names this column: "'User principal name' (or userPrincipalName)". */
    String describe() {
        return aliases.isEmpty() ? "'" + name + "'" : "'" + name + "' (or " + String.join(", ", aliases) + ")";
    }

    /** Lower case without spaces, underscores, dots, hyphens and slashes. */
    static String normalize(String header) {
        StringBuilder sb = new StringBuilder(header.length());
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c == ' ' || c == '_' || c == '.' || c == '-' || c == '/' || c == '\u00a0' || c == '\ufeff'
                    || Character.isWhitespace(c)) {
                continue;
            }
            sb.append(c);
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }
}
