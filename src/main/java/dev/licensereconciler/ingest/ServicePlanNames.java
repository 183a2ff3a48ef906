package dev.licensereconciler.ingest;

import dev.licensereconciler.domain.Plans;
import dev.licensereconciler.domain.Product;
import dev.licensereconciler.domain.ServicePlan;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.SortedSet;

/**
 * Resolves a disabledPlans cell (plan names or GUIDs, ';'-, '+'- or ','-separated) against the
 * products a row names. Looking inside the products rather than the whole catalog both checks that
 * the plan belongs there and avoids guessing between plans with equal names in other products.
 */
final class ServicePlanNames {

    /** The resolved plan names, or the first token that matched no plan of the products. */
    record Resolution(SortedSet<String> plans, String unknown) {
        boolean ok() {
            return unknown == null;
        }
    }

    private ServicePlanNames() {
    }

    static Resolution resolve(String cell, Collection<Product> products) {
        List<String> names = new ArrayList<>();
        for (String token : Values.split(cell, ";+,")) {
            String name = find(token, products);
            if (name == null) {
                return new Resolution(Plans.none(), token);
            }
            names.add(name);
        }
        return new Resolution(Plans.copy(names), null);
    }

    private static String find(String token, Collection<Product> products) {
        for (Product p : products) {
            for (ServicePlan plan : p.plans()) {
                if (plan.name().equalsIgnoreCase(token) || (!plan.id().isEmpty() && plan.id().equalsIgnoreCase(token))) {
                    return plan.name();
                }
            }
        }
        return null;
    }

    static String unknownMessage(String token, String products) {
        return "service plan " + Values.quote(token) + " is not a plan of " + products + ".";
    }

    static final String UNKNOWN_FIX = "Use the Service_Plan_Name or Service_Plan_Id of a plan of that product, "
            + "as Microsoft's product and service plan list gives it.";
}
