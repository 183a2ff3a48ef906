package dev.licensereconciler.graph;

import java.util.List;

/**
 * One user's part of an apply: the actions of the run it carries out and the assignLicense body
 * that does it (null for a group path or a request that could not be built), in batch
 * {@code batch} (0 when nothing is sent). As stored in LR_APPLY.
 */
public record ApplyRequest(int seq, int batch, String user, List<String> actionKeys, String body,
                           ApplyStatus status, int attempts, String code, String message) {

    public ApplyRequest {
        actionKeys = List.copyOf(actionKeys);
    }

    public ApplyRequest with(ApplyStatus newStatus, String newCode, String newMessage) {
        return new ApplyRequest(seq, batch, user, actionKeys, body, newStatus, attempts, newCode, newMessage);
    }

    /** The path of the request inside a batch; Graph takes the UPN where it takes the object id. */
    public String url() {
        return "/users/" + GraphClient.pathSegment(user) + "/assignLicense";
    }
}
