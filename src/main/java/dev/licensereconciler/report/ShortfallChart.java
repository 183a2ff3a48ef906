package dev.licensereconciler.report;

import dev.licensereconciler.domain.Shortfall;

import java.util.List;

/**
 * An inline SVG bar chart of shortfall by product, so the summary needs no script or network.
 * Bars are scaled to the largest shortfall; each bar is labelled with units and cost.
 */
final class ShortfallChart {

    private static final int LABEL_WIDTH = 320;
    private static final int BAR_AREA = 340;
    private static final int VALUE_WIDTH = 240;
    private static final int ROW = 28;
    private static final int BAR = 18;

    private ShortfallChart() {
    }

    /** Products with a shortfall only; an empty string when there are none. */
    static String svg(List<Shortfall> shortfalls) {
        List<Shortfall> bars = shortfalls.stream().filter(s -> s.shortfall() > 0).toList();
        if (bars.isEmpty()) {
            return "";
        }
        int max = bars.stream().mapToInt(Shortfall::shortfall).max().orElse(1);
        int width = LABEL_WIDTH + BAR_AREA + VALUE_WIDTH;
        int height = bars.size() * ROW + 8;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" class=\"chart\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height).append("\">\n<title>Shortfall by product</title>\n");
        int y = 4;
        for (Shortfall s : bars) {
            int length = Math.max(2, (int) Math.round((double) BAR_AREA * s.shortfall() / max));
            int textY = y + BAR - 4;
            svg.append("<g><title>").append(Html.escape(label(s))).append(": ").append(s.shortfall())
                    .append(" to buy</title>")
                    .append("<text x=\"").append(LABEL_WIDTH - 8).append("\" y=\"").append(textY)
                    .append("\" text-anchor=\"end\">").append(Html.escape(shorten(label(s)))).append("</text>")
                    .append("<rect x=\"").append(LABEL_WIDTH).append("\" y=\"").append(y).append("\" width=\"")
                    .append(length).append("\" height=\"").append(BAR).append("\" rx=\"3\"/>")
                    .append("<text x=\"").append(LABEL_WIDTH + length + 6).append("\" y=\"").append(textY)
                    .append("\">").append(Html.escape(value(s))).append("</text></g>\n");
            y += ROW;
        }
        return svg.append("</svg>").toString();
    }

    private static String label(Shortfall s) {
        return s.product() == null || s.product().isBlank() ? s.sku() : s.product() + " (" + s.sku() + ")";
    }

    private static String shorten(String label) {
        return label.length() <= 48 ? label : label.substring(0, 47) + "…";
    }

    private static String value(Shortfall s) {
        String units = s.shortfall() + (s.shortfall() == 1 ? " license" : " licenses");
        if (s.shortfallCost() == null || s.currency() == null) {
            return units;
        }
        return units + " · " + s.currency() + " " + ReportRows.decimal(s.shortfallCost());
    }
}
