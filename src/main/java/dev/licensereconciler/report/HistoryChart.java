package dev.licensereconciler.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The geometry of a small line chart of the job's last runs in summary.html, oldest left: one line
 * per figure, each scaled to the chart's largest value, a dot per run that recorded the figure (a
 * run without it leaves a gap rather than a false zero).
 */
public record HistoryChart(String title, int width, int height, int plotLeft, int plotRight, int plotTop,
                           int plotBottom, String maxLabel, List<Line> lines, List<Tick> ticks) {

    private static final int WIDTH = 560;
    private static final int HEIGHT = 200;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 12;
    private static final int BOTTOM = 40;

    /** One figure's line: its SVG points, its dots and its legend entry. */
    public record Line(String name, String css, String points, List<Dot> dots, int legendX, int legendY) {
    }

    /** A run's value of one figure. */
    public record Dot(int x, int y, String tooltip) {
    }

    /** A run's label under the x axis. */
    public record Tick(int x, String label) {
    }

    /** One figure to draw: its name, its style class and how to read it from a run. */
    public record Figure(String name, String css, Function<RunHistory, BigDecimal> value) {
    }

    public HistoryChart {
        lines = List.copyOf(lines);
        ticks = List.copyOf(ticks);
    }

    /** Runs oldest first; null with fewer than two runs, or when no figure has a value. */
    static HistoryChart of(String title, List<RunHistory> runs, List<Figure> figures, Function<BigDecimal, String> format) {
        if (runs.size() < 2) {
            return null;
        }
        BigDecimal max = BigDecimal.ZERO;
        for (RunHistory r : runs) {
            for (Figure f : figures) {
                BigDecimal v = f.value().apply(r);
                if (v != null && v.compareTo(max) > 0) {
                    max = v;
                }
            }
        }
        if (max.signum() == 0) {
            max = BigDecimal.ONE;
        }
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        List<Tick> ticks = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            ticks.add(new Tick(x(i, runs.size(), plotWidth), shortRunId(runs.get(i).runId())));
        }
        List<Line> lines = new ArrayList<>();
        int legendX = LEFT;
        for (Figure f : figures) {
            StringBuilder points = new StringBuilder();
            List<Dot> dots = new ArrayList<>();
            for (int i = 0; i < runs.size(); i++) {
                BigDecimal v = f.value().apply(runs.get(i));
                if (v == null) {
                    continue;
                }
                int x = x(i, runs.size(), plotWidth);
                int y = TOP + plotHeight - (int) Math.round(plotHeight * v.doubleValue() / max.doubleValue());
                if (!points.isEmpty()) {
                    points.append(' ');
                }
                points.append(x).append(',').append(y);
                dots.add(new Dot(x, y, f.name() + " " + runs.get(i).runId() + ": " + format.apply(v)));
            }
            lines.add(new Line(f.name(), f.css(), points.toString(), dots, legendX, HEIGHT - 6));
            legendX += 14 + 7 * f.name().length() + 24;
        }
        return new HistoryChart(title, WIDTH, HEIGHT, LEFT, WIDTH - RIGHT, TOP, TOP + plotHeight, format.apply(max),
                lines, ticks);
    }

    private static int x(int i, int n, int plotWidth) {
        return LEFT + (int) Math.round((double) plotWidth * i / (n - 1));
    }

    /** "20261201-020000" from "20261201-020000-123": the date and time are what tells runs apart. */
    private static String shortRunId(String runId) {
        String[] parts = runId.split("-");
        if (parts.length >= 2 && parts[0].length() == 8 && parts[1].length() >= 4) {
            return parts[0].substring(4, 6) + "-" + parts[0].substring(6, 8) + " " + parts[1].substring(0, 2) + ":"
                    + parts[1].substring(2, 4);
        }
        return runId.length() <= 12 ? runId : runId.substring(0, 12);
    }

    public String viewBox() {
        return "0 0 " + width + " " + height;
    }

    static String count(BigDecimal v) {
        return String.format(Locale.ROOT, "%,d", v.longValue());
    }
}
