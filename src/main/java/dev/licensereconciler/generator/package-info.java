/**
 * Synthetic tenants in the real export formats (admin center Active users export with BOM and
 * CRLF, purchases, memberships, rules, assignments): the sample tenant of {@code sample-data/} and
 * seeded tenants of any size for benchmarks. Plain Java: same seed, same bytes.
 *
 * <p>May use: the JDK only.
 */
package dev.licensereconciler.generator;
