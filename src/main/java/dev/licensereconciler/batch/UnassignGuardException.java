package dev.licensereconciler.batch;

/**
 * The accidental-removal guard (R12) stopped a run, like Entra Connect's deletion threshold:
 * a wrong export (say, an empty group-memberships.csv) must not strip a tenant of its licenses.
 */
public class UnassignGuardException extends RuntimeException {

    public UnassignGuardException(String jobName, int unassigns, int maxUnassign) {
        super("Run stopped by the accidental-removal guard: it would unassign " + unassigns
                + " licenses, more than the job's maxUnassign of " + maxUnassign + ". Nothing was published. "
                + "Check the exports (an incomplete group-memberships.csv removes licenses); if the removals are "
                + "intended, run again with --max-unassign " + unassigns + " (this run only) or raise "
                + "policies.maxUnassign in the job file of " + jobName + ".");
    }
}
