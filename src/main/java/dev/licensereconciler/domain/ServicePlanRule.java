package dev.licensereconciler.domain;

import java.util.List;

/**
 * One row of service-plan-rules.csv. For {@link Relation#REQUIRES}, {@code alternatives} lists
 * plans any one of which satisfies the requirement; for CONFLICTS_WITH it holds one plan.
 */
public record ServicePlanRule(String plan, Relation relation, List<String> alternatives) {

    public enum Relation { CONFLICTS_WITH, REQUIRES }

    public ServicePlanRule {
        alternatives = List.copyOf(alternatives);
    }
}
