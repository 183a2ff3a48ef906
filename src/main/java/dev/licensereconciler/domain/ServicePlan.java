package dev.licensereconciler.domain;

/** A service plan inside a product, e.g. EXCHANGE_S_ENTERPRISE ("Exchange Online (Plan 2)"). */
public record ServicePlan(String name, String id, String friendlyName) {
}
