package dev.licensereconciler.mail;

import org.junit.jupiter.api.Test;

import dev.licensereconciler.domain.Shortfall;

import java.util.List;

import static dev.licensereconciler.mail.MailFixtures.shortfall;
import static org.assertj.core.api.Assertions.assertThat;

class ShortfallMailPlannerTest {

    private final ShortfallMailPlanner planner = new ShortfallMailPlanner();

    @Test
    void eachPurchaserGetsOneMailForExactlyTheProductsWithAShortfallTheyBought() {
        MailPlan plan = planner.plan("nightly", "r1", MailFixtures.example(), List.of("it@contoso.example"));

        assertThat(plan.mails()).extracting(ShortfallMail::recipients, ShortfallMail::skus).containsExactly(
                org.assertj.core.groups.Tuple.tuple(List.of("buyer@contoso.example"), List.of("STANDARDPACK")),
                org.assertj.core.groups.Tuple.tuple(List.of("security@contoso.example"), List.of("EMS")));
        assertThat(plan.addressProblems()).isEmpty();
        assertThat(plan.unreachableSkus()).isEmpty();
    }

    @Test
    void aProductWithSeveralPurchasersGoesToEachAndPurchasersAreMatchedCaseInsensitively() {
        MailPlan plan = planner.plan("nightly", "r1", List.of(
                shortfall("EMS", "EMS E3", 2, "10.60", "a@contoso.example", "b@contoso.example"),
                shortfall("SPE_E5", "Microsoft 365 E5", 1, "57.00", "A@Contoso.example")), List.of());

        assertThat(plan.mails()).hasSize(2);
        assertThat(plan.mails().get(0).recipients()).containsExactly("a@contoso.example");
        assertThat(plan.mails().get(0).skus()).containsExactly("EMS", "SPE_E5");
        assertThat(plan.mails().get(1).recipients()).containsExactly("b@contoso.example");
        assertThat(plan.mails().get(1).skus()).containsExactly("EMS");
    }

    @Test
    void productsWithoutPurchaserGoInOneMailToAllFallbackRecipients() {
        MailPlan plan = planner.plan("nightly", "r1", List.of(
                shortfall("EMS", "EMS E3", 2, "10.60"),
                shortfall("POWER_BI_PRO", "Power BI Pro", 3, null),
                shortfall("SPE_E5", "Microsoft 365 E5", 1, "57.00", "buyer@contoso.example")),
                List.of("it@contoso.example", "finance@contoso.example"));

        ShortfallMail fallback = plan.mails().get(plan.mails().size() - 1);
        assertThat(fallback.recipients()).containsExactly("it@contoso.example", "finance@contoso.example");
        assertThat(fallback.skus()).containsExactly("EMS", "POWER_BI_PRO");
        assertThat(fallback.textBody()).contains("No purchaser is on record for this product.", "Unit price:         unknown");
        assertThat(plan.mails()).hasSize(2);
    }

    @Test
    void invalidPurchaserAddressesAreReportedAndTheProductFallsBack() {
        MailPlan plan = planner.plan("nightly", "r1", List.of(
                shortfall("EMS", "EMS E3", 2, "10.60", "not an address"),
                shortfall("SPE_E5", "Microsoft 365 E5", 1, "57.00", "ok@contoso.example", "x@y@z",
                        "evil@contoso.example\r\nBcc: all@contoso.example")),
                List.of("it@contoso.example", "also broken"));

        assertThat(plan.addressProblems()).extracting(AddressProblem::sku, AddressProblem::address).containsExactly(
                org.assertj.core.groups.Tuple.tuple("EMS", "not an address"),
                org.assertj.core.groups.Tuple.tuple("SPE_E5", "x@y@z"),
                org.assertj.core.groups.Tuple.tuple("SPE_E5", "evil@contoso.example\r\nBcc: all@contoso.example"),
                org.assertj.core.groups.Tuple.tuple("", "also broken"));
        assertThat(plan.mails()).extracting(ShortfallMail::recipients).containsExactly(
                List.of("ok@contoso.example"), List.of("it@contoso.example"));
        ShortfallMail fallback = plan.mails().get(1);
        assertThat(fallback.skus()).containsExactly("EMS", "SPE_E5");
        assertThat(fallback.textBody()).contains("Purchaser address not valid, please correct it in purchases.csv: x@y@z");
    }

    @Test
    void withoutAValidFallbackRecipientTheProductIsReportedUnreachable() {
        MailPlan plan = planner.plan("nightly", "r1", List.of(shortfall("EMS", "EMS E3", 2, "10.60")), List.of());

        assertThat(plan.mails()).isEmpty();
        assertThat(plan.unreachableSkus()).containsExactly("EMS");
    }

    @Test
    void noShortfallNoMail() {
        MailPlan plan = planner.plan("nightly", "r1", List.of(shortfall("EMS", "EMS E3", 0, "10.60", "a@contoso.example")),
                List.of("it@contoso.example"));

        assertThat(plan.mails()).isEmpty();
    }

    @Test
    void mailCarriesFiguresCostAndTheShortfallRowsOfItsProductsOnly() {
        ShortfallMail mail = planner.plan("nightly", "r1", MailFixtures.example(), List.of()).mails().get(1);

        assertThat(mail.subject()).isEqualTo("License shortfall: 2 licenses to buy (EMS) - nightly");
        assertThat(mail.textBody()).contains("Enterprise Mobility + Security E3 (EMS)", "Licenses to buy:    2",
                "Cost:               EUR 21.20", "Total cost:         EUR 21.20");
        assertThat(mail.htmlBody()).contains("<td>Enterprise Mobility + Security E3</td>", "EUR 21.20");
        assertThat(mail.attachmentCsv()).isEqualTo(
                "sku,product,capacity,assignedBefore,assignedAfter,requested,shortfall,reclaimable,purchasers,unitPrice,currency,shortfallCost\n"
                        + "EMS,Enterprise Mobility + Security E3,1,0,1,3,2,0,security@contoso.example,10.60,EUR,21.20\n");
    }

    @Test
    void subjectHasNoLineBreaksAndHtmlIsEscaped() {
        ShortfallMail mail = planner.plan("night\r\nBcc: x@evil.example", "r1",
                List.of(shortfall("EVIL\nX-Injected: 1", "<script>alert(1)</script>", 1, "1.00", "a@contoso.example")),
                List.of()).mails().get(0);

        assertThat(mail.subject()).doesNotContain("\r", "\n")
                .isEqualTo("License shortfall: 1 license to buy (EVIL X-Injected: 1) - night Bcc: x@evil.example");
        assertThat(mail.htmlBody()).doesNotContain("<script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    }

    @Test
    void mailKeyIsStablePerRunAndRecipientsAndDiffersOtherwise() {
        ShortfallMail first = planner.plan("nightly", "r1", MailFixtures.example(), List.of()).mails().get(0);
        ShortfallMail again = planner.plan("nightly", "r1", MailFixtures.example(), List.of()).mails().get(0);
        ShortfallMail otherRun = planner.plan("nightly", "r2", MailFixtures.example(), List.of()).mails().get(0);
        ShortfallMail otherRecipient = planner.plan("nightly", "r1", MailFixtures.example(), List.of()).mails().get(1);

        assertThat(first.mailKey()).isEqualTo(again.mailKey()).startsWith("r1:").hasSize(3 + 32);
        assertThat(first.mailKey()).isNotEqualTo(otherRun.mailKey()).isNotEqualTo(otherRecipient.mailKey());
    }

    @Test
    void aFallbackRecipientWhoIsAlsoAPurchaserGetsTwoMailsWithTwoKeys() {
        // VISIO has an invalid purchaser address besides it@, so it also goes to the fallback it@:
        // the same recipient and product, once as purchaser and once with the note on the bad address.
        List<Shortfall> shortfalls = List.of(
                shortfall("VISIO", "Visio Plan 2", 1, "12.00", "it@contoso.example", "not-an-address"));

        List<ShortfallMail> mails = planner.plan("nightly", "r1", shortfalls, List.of("IT@contoso.example")).mails();

        assertThat(mails).hasSize(2);
        assertThat(mails).extracting(ShortfallMail::fallback).containsExactly(false, true);
        assertThat(mails.get(0).mailKey()).isNotEqualTo(mails.get(1).mailKey());
    }
}
