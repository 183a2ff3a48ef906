package dev.licensereconciler.report;

import dev.licensereconciler.domain.ErrorCode;
import dev.licensereconciler.domain.LicenseResult;
import dev.licensereconciler.domain.Problem;
import dev.licensereconciler.domain.ReconciliationResult;
import dev.licensereconciler.domain.Shortfall;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The headline figures of a run, as the summary shows them.
 *
 * @param users            distinct users in results.csv (UPNs compared case-insensitively)
 * @param refusalsByCode   refused changes per error code, in error-code order
 * @param shortfallUnits   licenses to buy over all products
 * @param costByCurrency   shortfall cost per currency; products without a price are counted in
 *                         {@code unpricedProducts} instead
 */
public record SummaryFigures(int users, int assigned, int removed, int updated, int failed,
                             Map<ErrorCode, Integer> refusalsByCode, int shortfallUnits,
                             SortedMap<String, BigDecimal> costByCurrency, int unpricedProducts, int inputErrors) {

    public SummaryFigures {
        Map<ErrorCode, Integer> byCode = new EnumMap<>(ErrorCode.class);
        byCode.putAll(refusalsByCode);
        refusalsByCode = Collections.unmodifiableMap(byCode);
        costByCurrency = Collections.unmodifiableSortedMap(new TreeMap<>(costByCurrency));
    }

    public static SummaryFigures of(ReconciliationResult result, List<Problem> inputProblems) {
        Set<String> users = new HashSet<>();
        int assigned = 0;
        int removed = 0;
        int updated = 0;
        int failed = 0;
        for (LicenseResult r : result.results()) {
            users.add(r.user().toLowerCase(Locale.ROOT));
            switch (r.outcome()) {
                case ASSIGN -> assigned++;
                case UNASSIGN -> removed++;
                case UPDATE_SERVICES -> updated++;
                case FAILED -> failed++;
                case KEEP -> { }
            }
        }
        Map<ErrorCode, Integer> refusals = new EnumMap<>(ErrorCode.class);
        for (Problem p : result.refusals()) {
            refusals.merge(p.code(), 1, Integer::sum);
        }
        int units = 0;
        int unpriced = 0;
        SortedMap<String, BigDecimal> cost = new TreeMap<>();
        for (Shortfall s : result.shortfalls()) {
            if (s.shortfall() <= 0) {
                continue;
            }
            units += s.shortfall();
            if (s.shortfallCost() == null || s.currency() == null) {
                unpriced++;
            } else {
                cost.merge(s.currency(), s.shortfallCost(), BigDecimal::add);
            }
        }
        return new SummaryFigures(users.size(), assigned, removed, updated, failed, refusals, units, cost, unpriced,
                inputProblems.size());
    }

    public int refusals() {
        return refusalsByCode.values().stream().mapToInt(Integer::intValue).sum();
    }
}
