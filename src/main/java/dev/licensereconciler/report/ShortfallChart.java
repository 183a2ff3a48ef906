package dev.licensereconciler.report;

import dev.licensereconciler.domain.Shortfall;

import java.util.ArrayList;
import java.util.List;

/**
 * The geometry of the inline SVG bar chart of shortfall by product in summary.html (drawn by
 * the template, so the page needs no script or network). Bars are scaled to the largest
 * shortfall; each bar is labelled with units and cost.
 *
 * @param labelX where the product labels end (they are right-aligned)
 * @param barX   where the bars start
 */
public record ShortfallChart(int width, int height, int labelX, int barX, int barHeight, List<Bar> bars) {

    private static final int LABEL_WIDTH = 320;
    private static final int BAR_AREA = 340;
    private static final int VALUE_WIDTH = 240;
    private static final int ROW = 28;
    private static final int BAR = 18;

    /**
     * One product's bar.
     *
     * @param tooltip the full label with the units, shown on hover
     * @param label   the product label, shortened to fit
     * @param value   units and cost, right of the bar
     */
    public record Bar(String tooltip, String label, int y, int textY, int length, int valueX, String value) {
    }

    public ShortfallChart {
        bars = List.copyOf(bars);
    }

    /** Products with a shortfall only; null when there are none. */
    static ShortfallChart of(List<Shortfall> shortfalls) {
        List<Shortfall> shortOnes = shortfalls.stream().filter(s -> s.shortfall() > 0).toList();
        if (shortOnes.isEmpty()) {
            return null;
        }
        int max = shortOnes.stream().mapToInt(Shortfall::shortfall).max().orElse(1);
        List<Bar> bars = new ArrayList<>(shortOnes.size());
        int y = 4;
        for (Shortfall s : shortOnes) {
            int length = Math.max(2, (int) Math.round((double) BAR_AREA * s.shortfall() / max));
            bars.add(new Bar(label(s) + ": " + s.shortfall() + " to buy", shorten(label(s)), y, y + BAR - 4, length,
                    LABEL_WIDTH + length + 6, value(s)));
            y += ROW;
        }
        return new ShortfallChart(LABEL_WIDTH + BAR_AREA + VALUE_WIDTH, shortOnes.size() * ROW + 8, LABEL_WIDTH - 8,
                LABEL_WIDTH, BAR, bars);
    }

    public String viewBox() {
        return "0 0 " + width + " " + height;
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
