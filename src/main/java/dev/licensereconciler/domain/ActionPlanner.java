package dev.licensereconciler.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * R9: groups changes by (operation, product, disabled plans), cuts each group into batches of at
 * most the batch size with users in UPN order, and numbers the batches by operation, SKU,
 * disabled plans and first user.
 */
final class ActionPlanner {

    private record Group(Operation operation, PlanSelection plans) {
    }

    private final Map<Group, IntList> groups = new LinkedHashMap<>();

    /** For UNASSIGN the plans do not matter; pass the product's selection with none disabled. */
    void add(Operation operation, PlanSelection plans, int user) {
        groups.computeIfAbsent(new Group(operation, plans), g -> new IntList()).add(user);
    }

    List<ProductAction> build(int batchSize, UserOrder order, TenantSnapshot snapshot) {
        List<Group> sorted = new ArrayList<>(groups.keySet());
        sorted.sort(Comparator.comparing(Group::operation)
                .thenComparing(g -> g.plans().product.sku)
                .thenComparing(g -> Plans.join(g.plans().disabled)));
        List<ProductAction> actions = new ArrayList<>();
        for (Group g : sorted) {
            int[] ranks = groups.get(g).toArray();
            for (int i = 0; i < ranks.length; i++) {
                ranks[i] = order.rank(ranks[i]);
            }
            Arrays.sort(ranks);
            for (int from = 0; from < ranks.length; from += batchSize) {
                List<String> users = new ArrayList<>(batchSize);
                for (int i = from; i < Math.min(ranks.length, from + batchSize); i++) {
                    users.add(snapshot.upn(order.userAt(ranks[i])));
                }
                actions.add(new ProductAction(actions.size() + 1, g.plans().product.sku, g.operation(),
                        g.operation() == Operation.UNASSIGN ? Plans.none() : g.plans().disabled, users));
            }
        }
        return actions;
    }
}
