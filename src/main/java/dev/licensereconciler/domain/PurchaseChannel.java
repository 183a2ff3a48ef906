package dev.licensereconciler.domain;

/** How a subscription was bought: by an admin, or by a user as a self-service purchase. */
public enum PurchaseChannel { ADMIN, SELF_SERVICE }
