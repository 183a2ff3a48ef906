package dev.licensereconciler.domain;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The notices of inactivity the job's last published run gave (its LR_NOTICE rows), and the id of
 * this run, which new notices carry as their first run. Given to the nightly job so that a
 * restarted run, which recomputes, sees exactly what it saw the first time.
 */
public record InactivityNotices(String runId, List<InactiveNotice> prior) {

    public InactivityNotices {
        prior = List.copyOf(prior);
    }

    public static InactivityNotices none() {
        return new InactivityNotices("", List.of());
    }

    /** The prior notices by user (any casing) and product. */
    Map<String, InactiveNotice> byKey() {
        Map<String, InactiveNotice> map = new HashMap<>();
        for (InactiveNotice n : prior) {
            map.put(key(n.user(), n.sku()), n);
        }
        return map;
    }

    static String key(String user, String sku) {
        return Keys.normalize(user) + '\n' + Keys.normalize(sku);
    }
}
