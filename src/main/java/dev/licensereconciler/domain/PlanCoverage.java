package dev.licensereconciler.domain;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What one service plan gives beyond itself, for telling whether one license makes another
 * redundant: a higher tier includes the lower ones of the same service (Exchange Online Plan 2
 * includes Plan 1 and Kiosk, the Office apps include Office mobile), and a few supporting plans
 * that products carry for the platform's sake (Exchange Foundation, Microsoft Search) give no
 * service of their own, so they never decide a cover. Plans are compared by name, ignoring case:
 * the same plan carries the same name in every product that includes it.
 */
public final class PlanCoverage {

    private final Map<String, Set<String>> includes;
    private final Set<String> supporting;

    private PlanCoverage(Map<String, Set<String>> direct, Set<String> supporting) {
        this.supporting = Set.copyOf(supporting);
        Map<String, Set<String>> closed = new HashMap<>();
        for (String plan : direct.keySet()) {
            // Tiers chain (E5 > E3 > E1 > K): the closure lets one row per step say it all.
            Set<String> all = new HashSet<>();
            Deque<String> todo = new ArrayDeque<>(direct.get(plan));
            while (!todo.isEmpty()) {
                String next = todo.pop();
                if (all.add(next)) {
                    todo.addAll(direct.getOrDefault(next, Set.of()));
                }
            }
            closed.put(plan, Set.copyOf(all));
        }
        this.includes = closed;
    }

    /** No tiers and no supporting plans: a plan covers only itself. */
    public static PlanCoverage none() {
        return new PlanCoverage(Map.of(), Set.of());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Plans (normalized names) that {@code plan} includes besides itself; empty for most. */
    public Set<String> includedIn(String plan) {
        return includes.getOrDefault(Keys.normalize(plan), Collections.emptySet());
    }

    /** A plan that gives no service of its own and never decides whether one license covers another. */
    public boolean supporting(String plan) {
        return supporting.contains(Keys.normalize(plan));
    }

    /** Collects rows of {@code reference/plan-coverage.csv}. */
    public static final class Builder {
        private final Map<String, Set<String>> direct = new HashMap<>();
        private final Set<String> supporting = new HashSet<>();

        public Builder includes(String plan, String lower) {
            direct.computeIfAbsent(Keys.normalize(plan), k -> new HashSet<>()).add(Keys.normalize(lower));
            return this;
        }

        public Builder supporting(String plan) {
            supporting.add(Keys.normalize(plan));
            return this;
        }

        public PlanCoverage build() {
            return new PlanCoverage(direct, supporting);
        }
    }
}
