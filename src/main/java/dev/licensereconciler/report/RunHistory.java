package dev.licensereconciler.report;

import java.math.BigDecimal;

/**
 * One earlier (or the current) run of a job as the summary's history shows it: licenses held after
 * the run, licenses short, seats nobody holds, and what each costs a month in {@code currency}
 * (the currency the job's licenses mostly cost in; amounts in other currencies are left out). A
 * figure the run did not record (a run from before the savings outputs existed) is null.
 */
public record RunHistory(String runId, Integer held, BigDecimal heldCost, Integer shortfall, BigDecimal shortfallCost,
                         Integer surplus, BigDecimal surplusCost, String currency) {
}
