package dev.licensereconciler.ingest;

import dev.licensereconciler.domain.ErrorCode;
import dev.licensereconciler.domain.Problem;
import dev.licensereconciler.domain.ServicePlanRule;
import dev.licensereconciler.domain.ServicePlanRules;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads service-plan-rules.csv ({@code plan,relation,other}). For REQUIRES, {@code other} lists
 * alternatives separated by '|'; for CONFLICTS_WITH a '|' list is read as one conflict per plan.
 * Plan names are not checked against the catalog: rules about plans of products the catalog lacks
 * are harmless, and the built-in rules must work with any catalog.
 */
public final class ServicePlanRulesReader {

    static final Column PLAN = Column.of("plan", "servicePlan", "Service_Plan_Name");
    static final Column RELATION = Column.of("relation", "relationship", "type");
    static final Column OTHER = Column.of("other", "otherPlan", "otherPlans", "requires", "target");

    private static final String REMEDY = "The service-plan rules file needs columns 'plan', 'relation' "
            + "(CONFLICTS_WITH or REQUIRES) and 'other'.";

    private ServicePlanRulesReader() {
    }

    public static ServicePlanRules read(CsvFile file, List<Problem> problems) {
        RowProblems rows = new RowProblems(file.name(), problems);
        int plan = file.require(PLAN, REMEDY);
        int relation = file.require(RELATION, REMEDY);
        int other = file.require(OTHER, REMEDY);
        List<ServicePlanRule> rules = new ArrayList<>();
        for (CsvRecord r : file) {
            if (r.get(plan).isEmpty()) {
                rows.missingValue(r.line(), PLAN);
                continue;
            }
            List<String> others = Values.split(r.get(other), "|");
            if (others.isEmpty()) {
                rows.missingValue(r.line(), OTHER);
                continue;
            }
            ServicePlanRule.Relation rel = relation(r.get(relation));
            if (rel == null) {
                rows.report(r.line(), ErrorCode.INVALID_ROW, "relation " + Values.quote(r.get(relation)) + " is not known.",
                        "Write CONFLICTS_WITH or REQUIRES.");
            } else if (rel == ServicePlanRule.Relation.REQUIRES) {
                rules.add(new ServicePlanRule(r.get(plan), rel, others));
            } else {
                for (String o : others) {
                    rules.add(new ServicePlanRule(r.get(plan), rel, List.of(o)));
                }
            }
        }
        return new ServicePlanRules(rules);
    }

    static ServicePlanRule.Relation relation(String cell) {
        return switch (Values.token(cell)) {
            case "CONFLICTSWITH", "CONFLICTS", "MUTUALLYEXCLUSIVE" -> ServicePlanRule.Relation.CONFLICTS_WITH;
            case "REQUIRES", "DEPENDSON" -> ServicePlanRule.Relation.REQUIRES;
            default -> null;
        };
    }
}
