package dev.licensereconciler.graph;

import java.util.List;

/** The two Graph operations an apply needs; the seam where tests put a fake tenant. */
public interface GraphGateway {

    /** Sends one JSON batch of at most 20 requests; the answers in any order. */
    List<SubResponse> batch(List<SubRequest> requests);

    /** A user's direct and group licenses now: GET /users/{id}?$select=assignedLicenses,licenseAssignmentStates. */
    UserLicenses licenses(String user);
}
