package dev.licensereconciler.mail;

/**
 * An address the planner could not use. {@code sku} is empty for a fallback recipient.
 */
public record AddressProblem(String sku, String address, String reason) {
}
