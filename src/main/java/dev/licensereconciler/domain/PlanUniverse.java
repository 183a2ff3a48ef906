package dev.licensereconciler.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every service plan the catalog and the service-plan rules name, numbered in name order so a
 * set of enabled plans fits in a few longs and the checks of R6 need no string work per user.
 * Conflicts and requirements are resolved to plan numbers once.
 */
final class PlanUniverse {

    private static final int[] NONE = new int[0];
    private static final int[][] NO_REQUIREMENTS = new int[0][];

    private final Map<String, Integer> ids = new HashMap<>();
    private final List<String> names = new ArrayList<>();
    private final int[][] conflicts;
    private final int[][][] requirements;

    PlanUniverse(Catalog catalog, ServicePlanRules rules) {
        // Sorted by name so that "the first conflicting plan" is the alphabetically first one.
        TreeMap<String, String> sorted = new TreeMap<>();
        for (Product product : catalog.products()) {
            for (ServicePlan plan : product.plans()) {
                sorted.putIfAbsent(Keys.normalize(plan.name()), plan.name());
            }
        }
        for (ServicePlanRule rule : rules.rules()) {
            sorted.putIfAbsent(Keys.normalize(rule.plan()), rule.plan().trim());
            for (String other : rule.alternatives()) {
                sorted.putIfAbsent(Keys.normalize(other), other.trim());
            }
        }
        sorted.forEach((k, name) -> {
            ids.put(k, names.size());
            names.add(name);
        });
        // Resolved from the rule rows themselves, by plan number, so a rules file that spells a
        // plan in other casing than the catalog still counts.
        List<TreeSet<Integer>> conflictSets = new ArrayList<>();
        List<List<int[]>> requirementLists = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            conflictSets.add(new TreeSet<>());
            requirementLists.add(new ArrayList<>());
        }
        for (ServicePlanRule rule : rules.rules()) {
            int plan = id(rule.plan());
            int[] others = rule.alternatives().stream().mapToInt(this::id).filter(x -> x >= 0).toArray();
            if (rule.relation() == ServicePlanRule.Relation.CONFLICTS_WITH) {
                for (int other : others) {
                    conflictSets.get(plan).add(other);
                    conflictSets.get(other).add(plan);
                }
            } else {
                requirementLists.get(plan).add(others);
            }
        }
        conflicts = new int[names.size()][];
        requirements = new int[names.size()][][];
        for (int id = 0; id < names.size(); id++) {
            TreeSet<Integer> c = conflictSets.get(id);
            conflicts[id] = c.isEmpty() ? NONE : c.stream().mapToInt(Integer::intValue).toArray();
            List<int[]> r = requirementLists.get(id);
            requirements[id] = r.isEmpty() ? NO_REQUIREMENTS : r.toArray(new int[0][]);
        }
    }

    /** The plan's number, or -1 for a name neither the catalog nor the rules know. */
    int id(String name) {
        Integer id = ids.get(Keys.normalize(name));
        return id == null ? -1 : id;
    }

    String name(int id) {
        return names.get(id);
    }

    int[] conflictsOf(int plan) {
        return conflicts[plan];
    }

    /** Each inner array lists alternatives, one of which must be enabled somewhere. */
    int[][] requirementsOf(int plan) {
        return requirements[plan];
    }

    String names(int[] plans, String separator) {
        StringBuilder sb = new StringBuilder();
        for (int p : plans) {
            if (sb.length() > 0) {
                sb.append(separator);
            }
            sb.append(names.get(p));
        }
        return sb.toString();
    }
}
