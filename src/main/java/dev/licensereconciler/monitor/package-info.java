/**
 * What {@code serve} tells an operator from outside: health (the scheduler, each job's last run,
 * a firing that is overdue; the database through Spring Boot's own indicator) and per-job run
 * metrics in Prometheus format, from the runs recorded in the shared database, so every instance
 * of a cluster reports the same figures whichever one ran the job.
 *
 * <p>May use: batch (last runs), schedule (the scheduler's state and next fire times), job,
 * Spring Boot's health API, Micrometer. Not Spring Batch or Quartz themselves.
 */
package dev.licensereconciler.monitor;
