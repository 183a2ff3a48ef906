/**
 * The command line (PRODUCT.md §8): run, jobs, serve, generate and their exit statuses (0 clean,
 * 3 problems to review, 1 failed, 2 bad command line), printed in an admin's words.
 *
 * <p>May use: batch (to launch runs), job, schedule. Nothing uses it but the application's entry point.
 */
package dev.licensereconciler.cli;
