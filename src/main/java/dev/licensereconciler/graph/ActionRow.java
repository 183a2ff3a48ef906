package dev.licensereconciler.graph;

import dev.licensereconciler.domain.Operation;

import java.util.List;

/** One row of a published run's actions.csv: a user's part of a product action. */
public record ActionRow(int line, int batch, String sku, Operation operation, List<String> disabledPlans, String user) {

    public ActionRow {
        disabledPlans = List.copyOf(disabledPlans);
    }

    /** How LR_APPLY names the action: SKU and operation, e.g. {@code SPE_E3:ASSIGN}. */
    public String key() {
        return sku + ":" + operation.name();
    }
}
