/**
 * The Spring Batch side of a run: one Spring Batch job per job definition, with the steps compute
 * (read the exports, reconcile, check the R12 guard), store (LR_* tables in chunks, results in
 * parallel with the rest), publish (the run folder) and notify (the purchasers' mails), and the
 * launcher that resumes a failed run with the same run id.
 *
 * <p>The computed result is not stored between steps: the engine is deterministic, so a resumed
 * run recomputes it from the same inputs (guarded by an input fingerprint) and each store step
 * resumes after its last committed chunk.
 *
 * <p>May use: domain, ingest, job, report, mail, Spring Batch, Spring JDBC. Spring Batch is used in
 * this package only.
 */
package dev.licensereconciler.batch;
