package dev.licensereconciler.graph;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * A user's license assignment paths as Graph reports them in {@code licenseAssignmentStates}: per
 * path the SKU GUID, the disabled plans' GUIDs, the group it comes from (null for direct), its
 * state (Active, ActiveWithSolutionProvider, Disabled, Error) and error (None, CountViolation,
 * MutuallyExclusiveViolation, DependencyViolation, ProhibitedInUsageLocationViolation, UniquenessViolation, Other).
 * {@code exists} is false when Graph does not know the user.
 */
public record UserLicenses(boolean exists, List<Path> paths) {

    public record Path(String skuId, Set<String> disabledPlans, String assignedByGroup, String state, String error) {
        public Path {
            disabledPlans = lower(disabledPlans);
            skuId = skuId == null ? "" : skuId.toLowerCase(Locale.ROOT);
        }

        public boolean direct() {
            return assignedByGroup == null || assignedByGroup.isBlank();
        }
    }

    public UserLicenses {
        paths = List.copyOf(paths);
    }

    /** The direct path of this SKU, or null. */
    public Path direct(String skuGuid) {
        for (Path p : paths) {
            if (p.direct() && p.skuId().equalsIgnoreCase(skuGuid)) {
                return p;
            }
        }
        return null;
    }

    static Set<String> lower(Set<String> ids) {
        Set<String> out = new TreeSet<>();
        for (String id : ids) {
            out.add(id.toLowerCase(Locale.ROOT));
        }
        return Set.copyOf(out);
    }
}
