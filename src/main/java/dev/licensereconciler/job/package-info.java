/**
 * Job definitions: one YAML file per job in {@code jobs/} (PRODUCT.md §8), read and validated into
 * {@link dev.licensereconciler.job.JobDefinition}; an invalid file is refused with its file name
 * and key.
 *
 * <p>May use: domain (policies), a YAML parser, Quartz's cron expression syntax. No Spring.
 */
package dev.licensereconciler.job;
