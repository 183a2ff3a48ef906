package dev.licensereconciler.domain;

import java.util.List;
import java.util.SortedSet;

/**
 * One admin-center-sized change: one product, one operation, one set of disabled plans, at most
 * 20 users ordered by UPN lower-cased (R9). Users are spelled as in users.csv.
 */
public record ProductAction(int batch, String sku, Operation operation, SortedSet<String> disabledPlans,
                            List<String> users) {

    public ProductAction {
        disabledPlans = Plans.copy(disabledPlans);
        users = List.copyOf(users);
    }
}
