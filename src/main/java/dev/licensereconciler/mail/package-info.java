/**
 * Shortfall mails (PRODUCT.md §8): one mail per purchaser for the products they bought, the rest to
 * the job's fallback recipients, with text, HTML and the shortfall CSV; sending with retries.
 *
 * <p>May use: domain, Jakarta Mail and Spring's mail sender.
 */
package dev.licensereconciler.mail;
