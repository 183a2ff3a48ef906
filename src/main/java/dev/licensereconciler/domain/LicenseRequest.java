package dev.licensereconciler.domain;

import java.util.List;
import java.util.SortedSet;

/**
 * One valid row of requests.csv, references already resolved: {@code user} as users.csv spells
 * it, {@code skus} as trimmed String_Ids in the row's order, {@code disabledPlans} as plan names.
 * {@code line} is where the record starts in the file (header = line 1).
 */
public record LicenseRequest(int line, String user, RequestAction action, List<String> skus,
                             SortedSet<String> disabledPlans) {

    public LicenseRequest {
        skus = List.copyOf(skus);
        disabledPlans = Plans.copy(disabledPlans);
    }
}
