package dev.licensereconciler.batch;

import dev.licensereconciler.report.RunHistory;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a job's last runs from the database for the summary's history: LR_RUN names the runs (those
 * published, and the one publishing now, whose rows are stored by then), LR_COST, LR_SHORTFALL and
 * LR_SURPLUS give their figures. Counts cover every currency; amounts are those of one currency, the
 * one the current run's held licenses mostly cost in, since amounts of two currencies cannot be added.
 */
public final class RunHistoryReader {

    /** Runs the summary shows side by side, this one included. */
    public static final int RUNS = 10;

    private final JdbcTemplate jdbc;

    public RunHistoryReader(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Oldest first, {@code runId} (the current run) last. */
    public List<RunHistory> lastRuns(String jobName, String runId) {
        JdbcTemplate limited = new JdbcTemplate(jdbc.getDataSource());
        limited.setMaxRows(RUNS);
        List<String> runs = new ArrayList<>(limited.queryForList("SELECT RUN_ID FROM LR_RUN WHERE JOB_NAME = ? AND "
                + "(PUBLISHED_AT IS NOT NULL OR RUN_ID = ?) ORDER BY STARTED_AT DESC, RUN_ID DESC", String.class,
                jobName, runId));
        if (runs.isEmpty()) {
            return List.of();
        }
        Collections.reverse(runs);
        String in = String.join(", ", Collections.nCopies(runs.size(), "?"));
        List<Object> args = new ArrayList<>();
        args.add(jobName);
        args.addAll(runs);
        Map<String, Figures> held = figures("SELECT RUN_ID, CURRENCY, SUM(LICENSES), SUM(MONTHLY_COST) FROM LR_COST "
                + "WHERE JOB_NAME = ? AND DIMENSION = 'PRODUCT' AND RUN_ID IN (" + in + ") GROUP BY RUN_ID, CURRENCY", args);
        Map<String, Figures> shortfall = figures("SELECT RUN_ID, CURRENCY, SUM(SHORTFALL), SUM(SHORTFALL_COST) FROM "
                + "LR_SHORTFALL WHERE JOB_NAME = ? AND RUN_ID IN (" + in + ") GROUP BY RUN_ID, CURRENCY", args);
        // Paid seats only, as the summary counts them: free subscriptions hold thousands of seats nobody needs to cut.
        Map<String, Figures> surplus = figures("SELECT RUN_ID, CURRENCY, SUM(UNUSED), SUM(UNUSED * UNIT_PRICE) FROM "
                + "LR_SURPLUS WHERE JOB_NAME = ? AND (UNIT_PRICE IS NULL OR UNIT_PRICE > 0) AND RUN_ID IN (" + in + ") "
                + "GROUP BY RUN_ID, CURRENCY", args);
        String currency = held.containsKey(runId) ? held.get(runId).mainCurrency() : null;
        List<RunHistory> history = new ArrayList<>();
        for (String run : runs) {
            Figures h = held.get(run);
            Figures s = shortfall.get(run);
            Figures u = surplus.get(run);
            history.add(new RunHistory(run, h == null ? null : h.count, h == null ? null : h.amount(currency),
                    s == null ? null : s.count, s == null ? null : s.amountOrZero(currency),
                    u == null ? null : u.count, u == null ? null : u.amountOrZero(currency), currency));
        }
        return history;
    }

    /** A run's count over all currencies and its amount per currency. */
    private static final class Figures {
        int count;
        final Map<String, BigDecimal> amounts = new TreeMap<>();

        String mainCurrency() {
            return amounts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
        }

        BigDecimal amount(String currency) {
            return currency == null ? null : amounts.get(currency);
        }

        /** A run short of nothing in this currency cost nothing in it. */
        BigDecimal amountOrZero(String currency) {
            return currency == null ? null : amounts.getOrDefault(currency, BigDecimal.ZERO);
        }
    }

    private Map<String, Figures> figures(String sql, List<Object> args) {
        Map<String, Figures> byRun = new HashMap<>();
        jdbc.query(sql, rs -> {
            Figures f = byRun.computeIfAbsent(rs.getString(1), k -> new Figures());
            f.count += rs.getInt(3);
            BigDecimal amount = rs.getBigDecimal(4);
            String currency = rs.getString(2);
            if (currency != null && amount != null) {
                f.amounts.merge(currency, amount, BigDecimal::add);
            }
        }, args.toArray());
        return byRun;
    }
}
