package dev.licensereconciler.job;

/** What a job does: the nightly reconciliation (§4) or a bulk import of requests (§7). */
public enum JobType {
    RECONCILE("reconcile"), BULK_IMPORT("bulk-import");

    private final String yamlName;

    JobType(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }

    static JobType parse(String value) {
        for (JobType t : values()) {
            if (t.yamlName.equalsIgnoreCase(value.trim())) {
                return t;
            }
        }
        return null;
    }
}
