/**
 * The Microsoft Graph connector: the tenant at both ends of a run (issue 11).
 *
 * <p>{@link dev.licensereconciler.graph.GraphSnapshot} reads users, their license assignment paths,
 * the members of the job's rule groups and the subscriptions (paged, {@code $top=999}), the users'
 * sign-ins where the app may, and the Microsoft 365 active users report (activity.csv, downloaded
 * from the short-lived URL Graph redirects to, without the token) into a tenant folder in the
 * product's own CSV formats, so every run stays reproducible from its files.
 * {@link dev.licensereconciler.graph.GraphApply} carries a published run's {@code actions.csv} out:
 * one {@code assignLicense} per user (a switch is one request), {@code $batch}es of at most 20,
 * removals first, under Graph's write limit ({@link dev.licensereconciler.graph.WriteRateLimiter}),
 * each user's request recorded in LR_APPLY before the next batch so a crash never sends a confirmed
 * request twice ({@link dev.licensereconciler.graph.ApplyStore}). Sign-in is azure-identity's client
 * credentials (secret or certificate); HTTP is Microsoft's Graph core (OkHttp with its retry and
 * redirect handlers). {@link dev.licensereconciler.graph.GraphGateway} is the seam the tests
 * fault-inject at; the tests talk to a stateful Graph emulator on loopback TLS.
 *
 * <p>May use: domain, ingest (catalog, reading run folders), report (CSV cells), job, Spring JDBC,
 * the Graph and Azure libraries, which no other package uses (held by {@code ArchitectureTest}).
 */
package dev.licensereconciler.graph;
