package dev.licensereconciler.domain;

/**
 * The message and fix of each refusal, phrased as the Microsoft 365 admin center phrases them,
 * naming products by friendly name with the String_Id in brackets.
 */
final class Wording {

    /** What the refused change was, for messages that depend on it. */
    enum Change { ASSIGN, UNASSIGN, UPDATE }

    private Wording() {
    }

    static String named(ProductState p) {
        return p.product == null ? p.sku : p.displayName() + " (" + p.sku + ")";
    }

    private static String verb(Change change, ProductState p, String upn) {
        return switch (change) {
            case ASSIGN -> named(p) + " can't be assigned to " + upn;
            case UNASSIGN -> named(p) + " can't be removed from " + upn;
            case UPDATE -> "The services of " + named(p) + " can't be changed for " + upn;
        };
    }

    static Refusal selfService(Change change, ProductState p, String upn) {
        return new Refusal(ErrorCode.SELF_SERVICE_SUBSCRIPTION,
                verb(change, p, upn) + ": it was bought only as a self-service purchase, which admins can't manage.",
                "In the admin center, take over the self-service subscription first (Billing > Your products > "
                        + "Self-service), then try again.");
    }

    static Refusal inactive(ProductState p, String upn) {
        return new Refusal(ErrorCode.SUBSCRIPTION_INACTIVE,
                verb(Change.ASSIGN, p, upn) + ": every subscription of it is suspended, deleted or locked out.",
                "Reactivate the " + p.displayName() + " subscription (Billing > Your products), then try again.");
    }

    static Refusal guest(ProductState p, String upn) {
        return new Refusal(ErrorCode.GUEST_NOT_ALLOWED,
                verb(Change.ASSIGN, p, upn) + ": the user is a guest, and this job doesn't license guests.",
                "Ask a Global admin to assign the license to the guest, or allow guests in the job's policies "
                        + "(guests: allow).");
    }

    static Refusal blocked(ProductState p, String upn) {
        return new Refusal(ErrorCode.ACCOUNT_BLOCKED,
                verb(Change.ASSIGN, p, upn) + ": the account is blocked from signing in.",
                "Unblock the account first, or allow licenses for blocked accounts in the job's policies "
                        + "(blockedAccounts: allow).");
    }

    static Refusal noUsageLocation(ProductState p, String upn, boolean defaultCouldHelp) {
        return new Refusal(ErrorCode.USAGE_LOCATION_MISSING,
                verb(Change.ASSIGN, p, upn) + ": licenses can't be assigned to a user without a usage location.",
                "Set the user's usage location (Users > Active users > the user > Account > Usage location)"
                        + (defaultCouldHelp ? ", or set defaultUsageLocation in the job's policies" : "")
                        + ", then try again.");
    }

    static Refusal conflict(Change change, ProductState p, String upn, String plan, ProductState other,
                            String otherPlan) {
        return new Refusal(ErrorCode.MUTUALLY_EXCLUSIVE_VIOLATION,
                verb(change, p, upn) + ": its service " + plan + " can't be on together with " + otherPlan
                        + " in " + named(other) + ".",
                "Review the services included with each license: turn off " + plan + " in " + p.displayName()
                        + " or " + otherPlan + " in " + other.displayName() + ", then try again.");
    }

    static Refusal missingPrerequisite(Change change, ProductState p, String upn, String plan, String alternatives) {
        return new Refusal(ErrorCode.DEPENDENCY_VIOLATION,
                verb(change, p, upn) + ": its service " + plan + " requires " + alternatives
                        + ", which none of the user's licenses turns on.",
                "Assign a license that includes " + alternatives + " first (or turn that service on), or turn off "
                        + plan + " in " + p.displayName() + ", then try again.");
    }

    static Refusal dependentLeft(Change change, ProductState p, String upn, String plan, ProductState other,
                                 String alternatives) {
        return new Refusal(ErrorCode.DEPENDENCY_VIOLATION,
                verb(change, p, upn) + ": " + plan + " in " + named(other) + " requires " + alternatives
                        + ", which only " + p.displayName() + " provides.",
                "Remove " + other.displayName() + " or turn off " + plan + " in it first, or keep " + alternatives
                        + " on, then try again.");
    }

    static Refusal noSeat(ProductState p) {
        int more = p.shortfall();
        return new Refusal(ErrorCode.COUNT_VIOLATION,
                named(p) + " has no free seat: " + p.occupied() + " of " + p.capacity() + " in use.",
                more > 0
                        ? "Buy " + more + " more " + p.displayName() + " license" + (more == 1 ? "" : "s")
                                + ", or reclaim unused ones."
                        : "Buy more " + p.displayName() + " licenses, or reclaim unused ones.");
    }

    static Refusal notAssigned(ProductState p, String upn) {
        return new Refusal(ErrorCode.NOT_ASSIGNED, upn + " doesn't have " + named(p) + ".",
                "Check the user and product in the request; nothing to remove or change.");
    }

    static Refusal inherited(ProductState p, String upn, String group) {
        return new Refusal(ErrorCode.INHERITED_LICENSE,
                upn + " gets " + named(p) + " from the license rule of group " + group
                        + "; an inherited license can't be changed directly.",
                "Change the license rule of " + group + ", or remove the user from that group.");
    }
}
