package dev.licensereconciler.graph;

/**
 * Tells the planned changes that Entra's group-based licensing carries out itself: a rule of the
 * job that mirrors the tenant's own licensing of a group. Such a change happens when the
 * membership changes; an assignLicense for it would be refused (a group's license cannot be
 * removed from a member) or would add a direct path nobody asked for.
 */
@FunctionalInterface
public interface GroupPaths {

    GroupPaths NONE = action -> null;

    /** The group whose tenant licensing carries out this change, or null when it needs a request. */
    String carriedOutBy(ActionRow action);
}
