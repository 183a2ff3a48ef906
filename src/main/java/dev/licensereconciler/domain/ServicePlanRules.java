package dev.licensereconciler.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Conflicts (symmetric) and requirements between service plans, by plan name. */
public final class ServicePlanRules {

    private final List<ServicePlanRule> rules;
    private final Map<String, Set<String>> conflicts = new HashMap<>();
    private final Map<String, List<List<String>>> requires = new HashMap<>();

    public ServicePlanRules(List<ServicePlanRule> rules) {
        this.rules = List.copyOf(rules);
        for (ServicePlanRule r : rules) {
            if (r.relation() == ServicePlanRule.Relation.CONFLICTS_WITH) {
                for (String other : r.alternatives()) {
                    conflicts.computeIfAbsent(r.plan(), k -> new LinkedHashSet<>()).add(other);
                    conflicts.computeIfAbsent(other, k -> new LinkedHashSet<>()).add(r.plan());
                }
            } else {
                requires.computeIfAbsent(r.plan(), k -> new ArrayList<>()).add(List.copyOf(r.alternatives()));
            }
        }
    }

    public static ServicePlanRules none() {
        return new ServicePlanRules(List.of());
    }

    /** Plans that may not be enabled together with this one (in any of the user's licenses). */
    public Set<String> conflictsOf(String plan) {
        return conflicts.getOrDefault(plan, Collections.emptySet());
    }

    /** Requirements of this plan: each inner list is a set of alternatives, one of which must be enabled. */
    public List<List<String>> requirementsOf(String plan) {
        return requires.getOrDefault(plan, Collections.emptyList());
    }

    public List<ServicePlanRule> rules() {
        return rules;
    }
}
