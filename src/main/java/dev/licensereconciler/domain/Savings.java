package dev.licensereconciler.domain;

import java.util.List;

/**
 * What the tenant pays for and does not need, after a nightly run: surplus seats per subscription
 * (surplus.csv), licenses a user holds twice over (recommendations.csv), and the monthly cost of
 * the licenses held by department, usage location and product (costs.csv).
 */
public record Savings(List<SurplusSeats> surplus, List<Recommendation> recommendations, List<CostLine> costs) {

    public Savings {
        surplus = List.copyOf(surplus);
        recommendations = List.copyOf(recommendations);
        costs = List.copyOf(costs);
    }
}
