/**
 * A run's outputs (PRODUCT.md §5): the CSV files with formula-safe cells, the HTML summary with
 * its chart, and the run folder, written aside and moved into place whole.
 *
 * <p>May use: domain and the JDK.
 */
package dev.licensereconciler.report;
