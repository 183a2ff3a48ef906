package dev.licensereconciler.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One row of surplus.csv: a subscription that provides seats, and how many of them nobody holds
 * after the run. A product's free seats ({@code capacity − held after the run − refused for want of
 * a seat}, so the licenses this run assigns count as held) are handed to its subscriptions in
 * {@link SavingsAnalysis}'s order; {@code unused} is this subscription's share.
 *
 * @param cut           seats to take off at renewal (renewing subscriptions only)
 * @param cutBefore     the renewal date the cut must be in before; null when unknown or nothing to cut
 * @param lapsing       seats that end with the term whatever is held (trial, Warning, not renewing)
 * @param uncovered     held licenses that lose their seat when the lapsing seats end
 * @param savingPerTerm {@code cut × unitPrice × months of the term}; null without a price or term
 * @param savingPerYear {@code cut × unitPrice × 12}; null without a price
 * @param callout       why the row matters; null when it has nothing to act on
 */
public record SurplusSeats(String sku, String product, String subscriptionId, SubscriptionStatus status,
                           SubscriptionTerm term, LocalDate renewalDate, Boolean autoRenew, boolean trial,
                           int quantity, int unused, int cut, LocalDate cutBefore, int lapsing, int uncovered,
                           List<String> purchasers, BigDecimal unitPrice, String currency,
                           BigDecimal savingPerTerm, BigDecimal savingPerYear, Callout callout) {

    /** What the purchaser should know of a subscription. */
    public enum Callout {
        /** Renews with seats nobody holds: lower the quantity before the renewal date. */
        CUT,
        /** A trial: its seats end with it. */
        TRIAL_ENDS,
        /** Expired and in its grace period: its seats end unless it is renewed. */
        IN_WARNING,
        /** Set not to renew: its seats end with the term. */
        NOT_RENEWING
    }

    public SurplusSeats {
        purchasers = List.copyOf(purchasers);
    }

    /** The row's advice in the admin's words, for the file, the summary and the mail. */
    public String note() {
        String date = renewalDate == null ? "at the end of its term" : "on " + renewalDate;
        if (callout == null) {
            return "";
        }
        String lapse = switch (callout) {
            case TRIAL_ENDS -> "The trial ends " + date + "; its " + lapsing + " seats end with it.";
            case IN_WARNING -> "Expired, in its grace period: its " + lapsing + " seats end " + date + " unless it is renewed.";
            case NOT_RENEWING -> "Set not to renew: its " + lapsing + " seats end " + date + ".";
            case CUT -> null;
        };
        if (lapse == null) {
            return cut + " of " + quantity + " seats are not held: lower the quantity by " + cut
                    + (cutBefore == null ? " at the next renewal." : " before the renewal on " + cutBefore + ".");
        }
        return uncovered == 0 ? lapse + " No license held needs them."
                : lapse + " " + uncovered + (uncovered == 1 ? " license then loses its seat" : " licenses then lose their seat")
                        + ": buy or convert " + uncovered + (uncovered == 1 ? " seat" : " seats") + " before then, or free them.";
    }
}
