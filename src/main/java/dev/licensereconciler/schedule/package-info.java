/**
 * The scheduler ({@code serve}): every job with a cron becomes a Quartz trigger in the job's time
 * zone, in Quartz's JDBC store (clustered on MySQL), so a firing is run once, a missed firing
 * fires once when a scheduler returns, and one job never runs twice at once.
 *
 * <p>May use: batch (to launch runs), job, Quartz. Quartz's scheduler is used in this package only.
 */
package dev.licensereconciler.schedule;
