package dev.licensereconciler.graph.emulator;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What the emulator received and executed; bounded so a long test cannot exhaust the heap. */
public final class RequestLog {

    /** Older entries are dropped past this many; counters below are kept exactly. */
    static final int MAX_RECORDED = 50_000;

    private final Deque<Recorded> recorded = new ArrayDeque<>();
    private final Map<String, Integer> executionsByUser = new HashMap<>();
    private int tokenRequests;
    private int reportDownloads;
    private int reportDownloadsWithAuthorization;

    RequestLog() {
    }

    public synchronized List<Recorded> all() {
        return List.copyOf(new ArrayList<>(recorded));
    }

    /** assignLicense calls that changed or kept state (answered 200), per user object id. */
    public synchronized int assignLicenseExecutions(String userId) {
        return executionsByUser.getOrDefault(userId, 0);
    }

    public synchronized int tokenRequests() {
        return tokenRequests;
    }

    /** Requests to the pre-authenticated report download URLs. */
    public synchronized int reportDownloads() {
        return reportDownloads;
    }

    /** Of those, how many carried an Authorization header: the app's Graph token sent where it does not belong. */
    public synchronized int reportDownloadsWithAuthorization() {
        return reportDownloadsWithAuthorization;
    }

    public synchronized void clear() {
        recorded.clear();
        executionsByUser.clear();
        tokenRequests = 0;
        reportDownloads = 0;
        reportDownloadsWithAuthorization = 0;
    }

    synchronized void record(String method, String path, String body, int status) {
        if (recorded.size() >= MAX_RECORDED) {
            recorded.removeFirst();
        }
        recorded.addLast(new Recorded(method, path, body, status, Instant.now()));
    }

    synchronized void assignLicenseExecuted(String userId) {
        executionsByUser.merge(userId, 1, Integer::sum);
    }

    synchronized void reportDownload(boolean withAuthorization) {
        reportDownloads++;
        if (withAuthorization) {
            reportDownloadsWithAuthorization++;
        }
    }

    synchronized void tokenRequested() {
        tokenRequests++;
    }
}
