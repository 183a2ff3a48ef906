package dev.licensereconciler.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The geometry of a horizontal bar chart in summary.html (inline SVG drawn by the template, as
 * {@link ShortfallChart} is): one bar per group, scaled to the largest amount, labelled with the
 * amount. Groups past {@link #MAX_BARS} are summed into one "other" bar so that a tenant with
 * hundreds of departments still gets a readable chart.
 */
public record BarChart(String title, int width, int height, int labelX, int barX, int barHeight, List<Bar> bars) {

    static final int MAX_BARS = 12;
    private static final int LABEL_WIDTH = 240;
    private static final int BAR_AREA = 300;
    private static final int VALUE_WIDTH = 200;
    private static final int ROW = 24;
    private static final int BAR = 16;

    /** One group's bar: {@code value} is the text right of it. */
    public record Bar(String tooltip, String label, int y, int textY, int length, int valueX, String value) {
    }

    /** An amount of one group, before drawing. */
    public record Amount(String label, BigDecimal amount, String text) {
    }

    public BarChart {
        bars = List.copyOf(bars);
    }

    /** Largest first, as given; null when there is nothing to draw. */
    static BarChart of(String title, List<Amount> amounts, String otherText) {
        List<Amount> shown = new ArrayList<>(amounts.stream().filter(a -> a.amount().signum() > 0).toList());
        if (shown.isEmpty()) {
            return null;
        }
        if (shown.size() > MAX_BARS) {
            List<Amount> rest = shown.subList(MAX_BARS - 1, shown.size());
            BigDecimal sum = rest.stream().map(Amount::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            Amount other = new Amount(rest.size() + " others", sum, otherText.replace("{}", sum.toPlainString()));
            shown = new ArrayList<>(shown.subList(0, MAX_BARS - 1));
            shown.add(other);
        }
        BigDecimal max = shown.stream().map(Amount::amount).max(BigDecimal::compareTo).orElse(BigDecimal.ONE);
        List<Bar> bars = new ArrayList<>();
        int y = 4;
        for (Amount a : shown) {
            int length = Math.max(2, (int) Math.round(BAR_AREA * a.amount().doubleValue() / max.doubleValue()));
            String label = a.label().isEmpty() ? "(none)" : a.label();
            bars.add(new Bar(label + ": " + a.text(), label.length() <= 34 ? label : label.substring(0, 33) + "…",
                    y, y + BAR - 3, length, LABEL_WIDTH + length + 6, a.text()));
            y += ROW;
        }
        return new BarChart(title, LABEL_WIDTH + BAR_AREA + VALUE_WIDTH, shown.size() * ROW + 8, LABEL_WIDTH - 8,
                LABEL_WIDTH, BAR, bars);
    }

    public String viewBox() {
        return "0 0 " + width + " " + height;
    }
}
