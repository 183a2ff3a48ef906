package dev.licensereconciler.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A license a user holds now, with every path it is held through: directly ({@code direct}) and
 * through the groups in {@code groups} (Entra keeps one assignment state per path, and a direct
 * license coexists with group licenses). However many paths, it is one license and takes one seat;
 * its disabled plans are those every path disables, so a plan any path enables is on, as in Entra.
 */
public record CurrentLicense(String sku, SortedSet<String> disabledPlans, boolean direct, List<String> groups) {

    public CurrentLicense {
        disabledPlans = Plans.copy(disabledPlans);
        groups = List.copyOf(groups);
        if (!direct && groups.isEmpty()) {
            throw new IllegalArgumentException("a license is held through at least one path");
        }
    }

    /**
     * A license held through one path: {@code assignedBy} null, blank or "Direct" for a direct
     * (manual) assignment, otherwise the group it is held through.
     */
    public CurrentLicense(String sku, SortedSet<String> disabledPlans, String assignedBy) {
        this(sku, disabledPlans, isDirectPath(assignedBy), isDirectPath(assignedBy) ? List.of() : List.of(assignedBy.trim()));
    }

    static boolean isDirectPath(String assignedBy) {
        return assignedBy == null || assignedBy.isBlank() || assignedBy.trim().equalsIgnoreCase("Direct");
    }

    /** Held through no group at all. */
    public boolean isDirect() {
        return groups.isEmpty();
    }

    /** The first group it is held through; null when it is held directly only. */
    public String assignedBy() {
        return groups.isEmpty() ? null : groups.get(0);
    }

    /**
     * This license with the paths of another row for the same product added; null when the other
     * row repeats a path this one already has (a duplicate row, not another path).
     */
    CurrentLicense withPathsOf(CurrentLicense other) {
        boolean repeated = other.direct && direct;
        List<String> merged = new ArrayList<>(groups);
        for (String g : other.groups) {
            if (merged.stream().anyMatch(h -> Keys.normalize(h).equals(Keys.normalize(g)))) {
                repeated = true;
            } else {
                merged.add(g);
            }
        }
        if (repeated) {
            return null;
        }
        SortedSet<String> disabledByEvery = new TreeSet<>(disabledPlans);
        disabledByEvery.retainAll(other.disabledPlans);
        return new CurrentLicense(sku, disabledByEvery, direct || other.direct, merged);
    }
}
