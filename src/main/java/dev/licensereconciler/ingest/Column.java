package dev.licensereconciler.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A column a reader looks for: the name messages use, plus the other spellings real exports use.
 * Headers match when equal after {@link #normalize}, so "User principal name", "userPrincipalName"
 * and "USER_PRINCIPAL_NAME" are one column, and a header holding two of them is refused.
 * {@code otherForms} hold the same value in another form (a SKU GUID where the column holds a
 * String_Id): real exports carry both side by side (Graph's subscribedSkus has skuId and
 * skuPartNumber), so they are read only when no spelling of the column itself is present.
 */
public record Column(String name, List<String> aliases, List<String> otherForms) {

    public Column {
        aliases = List.copyOf(aliases);
        otherForms = List.copyOf(otherForms);
    }

    public static Column of(String name, String... aliases) {
        return new Column(name, List.of(aliases), List.of());
    }

    /** This column, also read from these headers when it is absent itself. */
    public Column orInAnotherForm(String... spellings) {
        return new Column(name, aliases, List.of(spellings));
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

    /** The other forms' spellings, normalized. */
    List<String> otherFormKeys() {
        return otherForms.stream().map(Column::normalize).toList();
    }

    /** How the message names this column: "'User principal name' (or userPrincipalName)". */
    String describe() {
        List<String> others = new ArrayList<>(aliases);
        others.addAll(otherForms);
        return others.isEmpty() ? "'" + name + "'" : "'" + name + "' (or " + String.join(", ", others) + ")";
    }

    /**
     * The keys a header cell matches under: its normalized text, and for Entra's bulk templates'
     * "Item name [propertyName] Required" form also the item name and the property name.
     */
    static List<String> headerKeys(String header) {
        String whole = normalize(header);
        int open = header.indexOf('[');
        int close = header.indexOf(']', open + 1);
        if (open < 0 || close < 0) {
            return List.of(whole);
        }
        List<String> keys = new ArrayList<>(3);
        keys.add(whole);
        for (String part : List.of(header.substring(0, open), header.substring(open + 1, close))) {
            String key = normalize(part);
            if (!key.isEmpty() && !keys.contains(key)) {
                keys.add(key);
            }
        }
        return keys;
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
