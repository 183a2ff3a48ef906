/**
 * The reconciliation core: the rules of PRODUCT.md §4 (R1–R13) and the bulk import of §7, in plain
 * Java with no Spring and no I/O, so it is deterministic (R10) and can be recomputed on restart.
 *
 * <p>{@link dev.licensereconciler.domain.TenantSnapshot} holds a tenant compactly enough for a
 * million users; {@link dev.licensereconciler.domain.Reconciler} decides every (user, product) of
 * the nightly job and {@link dev.licensereconciler.domain.BulkImporter} carries out a requests file,
 * both on the seat and plan state of {@link dev.licensereconciler.domain.Workspace};
 * {@link dev.licensereconciler.domain.ActionPlanner} cuts the changes into product actions of at most
 * 20 users (R9); {@link dev.licensereconciler.domain.ShortfallReport} counts what to buy (R8).
 *
 * <p>May use: the JDK only. Used by every other package; it uses none of them (held by
 * {@code ArchitectureTest}).
 */
package dev.licensereconciler.domain;
