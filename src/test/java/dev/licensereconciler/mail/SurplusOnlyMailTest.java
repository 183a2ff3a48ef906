package dev.licensereconciler.mail;

import dev.licensereconciler.domain.SubscriptionStatus;
import dev.licensereconciler.domain.SubscriptionTerm;
import dev.licensereconciler.domain.SurplusSeats;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static dev.licensereconciler.mail.MailFixtures.shortfall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * A purchaser whose subscriptions have seats to cut (or seats ending) inside the notice window, and
 * nothing short, gets a mail of its own about what to cut by when; subscriptions without a valid
 * purchaser go to the fallback recipients, as shortfalls do; keys keep every mail exactly once.
 */
class SurplusOnlyMailTest {

    private static final LocalDate RENEWS = LocalDate.of(2026, 12, 20);

    private final ShortfallMailPlanner planner = new ShortfallMailPlanner();

    private static SurplusSeats cut(String sku, String product, String id, int cut, String price, String... purchasers) {
        BigDecimal unit = new BigDecimal(price);
        return new SurplusSeats(sku, product, id, SubscriptionStatus.ENABLED, SubscriptionTerm.P1Y, RENEWS, true, false,
                10, cut, cut, RENEWS, 0, 0, List.of(purchasers), unit, "EUR", unit.multiply(BigDecimal.valueOf(12L * cut)),
                unit.multiply(BigDecimal.valueOf(12L * cut)), SurplusSeats.Callout.CUT);
    }

    private static SurplusSeats warning(String sku, String id, LocalDate ends, int uncovered, String... purchasers) {
        return new SurplusSeats(sku, "Office 365 F3", id, SubscriptionStatus.WARNING, SubscriptionTerm.P1Y, ends, null,
                false, 10, 10 - uncovered, 0, null, 10, uncovered, List.of(purchasers), new BigDecimal("8.00"), "EUR",
                null, null, SurplusSeats.Callout.IN_WARNING);
    }

    @Test
    void aPurchaserWithOnlySurplusGetsOneMailAboutSeatsToCutWithTheirSurplusRowsAttached() {
        SurplusSeats e3 = cut("SPE_E3", "Microsoft 365 E3", "ef837127", 3, "33.70", "Buyer@contoso.example");
        SurplusSeats meet = cut("MCOMEETADV", "Microsoft 365 Audio Conferencing", "53b19c94", 1, "3.70",
                "buyer@contoso.example", "finance@contoso.example");

        MailPlan plan = planner.plan("nightly", "r1", List.of(), List.of(), List.of("it@contoso.example"),
                List.of(e3, meet));

        assertThat(plan.mails()).extracting(ShortfallMail::recipients, ShortfallMail::skus, ShortfallMail::surplusOnly,
                ShortfallMail::fallback).containsExactly(
                tuple(List.of("Buyer@contoso.example"), List.of("SPE_E3", "MCOMEETADV"), true, false),
                tuple(List.of("finance@contoso.example"), List.of("MCOMEETADV"), true, false));
        ShortfallMail buyer = plan.mails().get(0);
        assertThat(buyer.subject()).isEqualTo(
                "Seats to cut at renewal: cut 4 seats before 2026-12-20 (SPE_E3, MCOMEETADV) - nightly");
        assertThat(buyer.textBody()).contains("found subscriptions that renew or end soon with seats to act on. "
                        + "Nothing here is a shortfall.", "You receive this because you purchased these subscriptions.",
                "Microsoft 365 E3 (SPE_E3), subscription ef837127",
                "3 of 10 seats are not held: lower the quantity by 3 before the renewal on 2026-12-20.",
                "Saved a year:       EUR 1213.20",
                "A seat can only be cut at renewal: lower the subscription's quantity before the date given.",
                "The attached surplus.csv holds these figures.")
                .doesNotContain("Licenses to buy", "shortfall.csv", "need a seat by then");
        assertThat(buyer.htmlBody()).contains("<td>ef837127</td>", "EUR 1213.20", "surplus.csv")
                .doesNotContain("to buy");
        assertThat(buyer.attachmentName()).isEqualTo("surplus.csv");
        assertThat(buyer.attachmentCsv()).startsWith("sku,product,subscriptionId,status,term,renewalDate,")
                .contains("\nSPE_E3,Microsoft 365 E3,ef837127,Enabled,P1Y,2026-12-20,true,false,10,3,3,2026-12-20,")
                .contains("\nMCOMEETADV,").hasLineCount(3);
        assertThat(plan.addressProblems()).isEmpty();
    }

    @Test
    void seatsThatEndWhileLicensesNeedThemAreCalledSeatsEndingNotACut() {
        MailPlan plan = planner.plan("nightly", "r1", List.of(), List.of(), List.of(),
                List.of(warning("DESKLESSPACK", "f3", RENEWS, 1, "ops@contoso.example")));

        ShortfallMail mail = plan.mails().get(0);
        assertThat(plan.mails()).hasSize(1);
        assertThat(mail.subject()).isEqualTo("Seats ending: 1 license loses its seat on 2026-12-20 (DESKLESSPACK) - nightly");
        assertThat(mail.textBody()).contains("1 license then loses its seat: buy or convert 1 seat before then",
                "Licenses on seats that end need a seat by then: renew, buy or convert seats, or free them.")
                .doesNotContain("can only be cut");
        assertThat(mail.htmlBody()).contains("Licenses on seats that end need a seat by then").doesNotContain("can only be cut");
    }

    @Test
    void aPurchaserWithAShortfallAndSurplusGetsOneMailWithBothAndTheShortfallKey() {
        SurplusSeats e3 = cut("SPE_E3", "Microsoft 365 E3", "ef837127", 3, "33.70", "buyer@contoso.example");
        var shortfalls = List.of(shortfall("STANDARDPACK", "Office 365 E1", 2, "9.40", "buyer@contoso.example"));

        List<ShortfallMail> both = planner.plan("nightly", "r1", shortfalls, List.of(), List.of(), List.of(e3)).mails();
        List<ShortfallMail> shortfallOnly = planner.plan("nightly", "r1", shortfalls, List.of()).mails();

        assertThat(both).singleElement().satisfies(mail -> {
            assertThat(mail.surplusOnly()).isFalse();
            assertThat(mail.skus()).containsExactly("STANDARDPACK");
            assertThat(mail.subject()).startsWith("License shortfall: 2 licenses to buy (STANDARDPACK)");
            assertThat(mail.textBody()).contains("Licenses to buy:    2", "Subscriptions of yours that renew or end soon:",
                    "lower the quantity by 3 before the renewal on 2026-12-20");
            assertThat(mail.attachmentName()).isEqualTo("shortfall.csv");
        });
        assertThat(both.get(0).mailKey()).isEqualTo(shortfallOnly.get(0).mailKey());
    }

    @Test
    void subscriptionsWithoutAValidPurchaserGoToTheFallbackRecipientsWithTheReason() {
        SurplusSeats nobody = warning("DESKLESSPACK", "f3", RENEWS, 1);
        SurplusSeats badAddress = cut("SPE_E3", "Microsoft 365 E3", "ef837127", 3, "33.70", "not an address",
                "buyer@contoso.example");

        MailPlan plan = planner.plan("nightly", "r1", List.of(), List.of(), List.of("it@contoso.example"),
                List.of(nobody, badAddress));

        assertThat(plan.addressProblems()).extracting(AddressProblem::sku, AddressProblem::address)
                .containsExactly(tuple("SPE_E3", "not an address"));
        assertThat(plan.mails()).extracting(ShortfallMail::recipients, ShortfallMail::skus, ShortfallMail::fallback)
                .containsExactly(tuple(List.of("buyer@contoso.example"), List.of("SPE_E3"), false),
                        tuple(List.of("it@contoso.example"), List.of("DESKLESSPACK", "SPE_E3"), true));
        ShortfallMail fallback = plan.mails().get(1);
        assertThat(fallback.surplusOnly()).isTrue();
        assertThat(fallback.textBody()).contains(
                "You receive this because no valid purchaser address is known for these subscriptions.",
                "No purchaser is on record for this subscription.",
                "Purchaser address not valid, please correct it in purchases.csv: not an address");
        assertThat(fallback.htmlBody()).contains("<i>No purchaser is on record for this subscription.</i>");
    }

    @Test
    void aFallbackMailWithShortfallsAlsoListsTheSubscriptionsNobodyValidBought() {
        MailPlan plan = planner.plan("nightly", "r1", List.of(shortfall("EMS", "EMS E3", 2, "10.60")), List.of(),
                List.of("it@contoso.example"), List.of(warning("DESKLESSPACK", "f3", RENEWS, 1)));

        assertThat(plan.mails()).singleElement().satisfies(mail -> {
            assertThat(mail.fallback()).isTrue();
            assertThat(mail.surplusOnly()).isFalse();
            assertThat(mail.skus()).containsExactly("EMS");
            assertThat(mail.textBody()).contains("No purchaser is on record for this product.",
                    "Subscriptions without a valid purchaser that renew or end soon:",
                    "Office 365 F3 (DESKLESSPACK), subscription f3", "No purchaser is on record for this subscription.");
            assertThat(mail.htmlBody()).contains("Subscriptions without a valid purchaser that renew or end soon:");
        });
    }

    @Test
    void withoutAValidFallbackRecipientTheSubscriptionsProductIsUnreachable() {
        MailPlan plan = planner.plan("nightly", "r1", List.of(), List.of(), List.of("broken"),
                List.of(warning("DESKLESSPACK", "f3", RENEWS, 1), warning("DESKLESSPACK", "f3b", RENEWS, 2)));

        assertThat(plan.mails()).isEmpty();
        assertThat(plan.unreachableSkus()).containsExactly("DESKLESSPACK");
    }

    @Test
    void aSurplusMailsKeyDiffersFromEveryShortfallMailsAndDoesNotChangeWithTheSurplusItLists() {
        SurplusSeats e3 = cut("SPE_E3", "Microsoft 365 E3", "ef837127", 3, "33.70", "it@contoso.example");
        SurplusSeats meet = cut("MCOMEETADV", "Microsoft 365 Audio Conferencing", "53b19c94", 1, "3.70",
                "it@contoso.example");

        ShortfallMail today = planner.plan("nightly", "r1", List.of(), List.of(), List.of(), List.of(e3)).mails().get(0);
        // Resumed the next day, another renewal has come inside the window: the same mail, already sent.
        ShortfallMail tomorrow = planner.plan("nightly", "r1", List.of(), List.of(), List.of(), List.of(e3, meet))
                .mails().get(0);
        ShortfallMail asFallback = planner.plan("nightly", "r1", List.of(), List.of(), List.of("it@contoso.example"),
                List.of(warning("DESKLESSPACK", "f3", RENEWS, 1))).mails().get(0);
        ShortfallMail shortfallMail = planner.plan("nightly", "r1",
                List.of(shortfall("SPE_E3", "Microsoft 365 E3", 1, "33.70", "it@contoso.example")), List.of()).mails().get(0);
        ShortfallMail otherRun = planner.plan("nightly", "r2", List.of(), List.of(), List.of(), List.of(e3)).mails().get(0);

        assertThat(today.mailKey()).isEqualTo(tomorrow.mailKey()).startsWith("r1:");
        assertThat(today.mailKey()).isNotEqualTo(asFallback.mailKey()).isNotEqualTo(shortfallMail.mailKey())
                .isNotEqualTo(otherRun.mailKey());
        assertThat(asFallback.mailKey()).isNotEqualTo(shortfallMail.mailKey());
    }

    @Test
    void subjectHasNoLineBreaksAndHtmlIsEscaped() {
        SurplusSeats evil = cut("EVIL\r\nBcc: x@evil.example", "<script>alert(1)</script>", "<b>id</b>", 1, "1.00",
                "a@contoso.example");

        ShortfallMail mail = planner.plan("night\nX-Injected: 1", "r1", List.of(), List.of(), List.of(), List.of(evil))
                .mails().get(0);

        assertThat(mail.subject()).doesNotContain("\r", "\n").isEqualTo(
                "Seats to cut at renewal: cut 1 seat before 2026-12-20 (EVIL Bcc: x@evil.example) - night X-Injected: 1");
        assertThat(mail.htmlBody()).doesNotContain("<script>", "<b>id</b>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;b&gt;id&lt;/b&gt;");
    }
}
