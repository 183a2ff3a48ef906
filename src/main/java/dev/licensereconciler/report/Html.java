package dev.licensereconciler.report;

/** Minimal HTML escaping for text and attribute values (always double-quoted by our writers). */
public final class Html {

    private Html() {
    }

    /** Escapes {@code & < > " '}; null becomes empty. Safe in element text and quoted attributes. */
    public static String escape(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
