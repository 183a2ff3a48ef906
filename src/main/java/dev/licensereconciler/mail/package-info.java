/**
 * Shortfall mails (PRODUCT.md §8): one mail per purchaser for the products they bought, the rest to
 * the job's fallback recipients, with text, HTML and the shortfall CSV; a surplus-only mail (surplus
 * CSV attached) to a purchaser with only seats to cut or ending inside the notice window; sending with
 * retries.
 *
 * <p>May use: domain, Jakarta Mail and Spring's mail sender.
 */
package dev.licensereconciler.mail;
