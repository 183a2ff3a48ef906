package dev.licensereconciler.mail;

import dev.licensereconciler.domain.SubscriptionStatus;
import dev.licensereconciler.domain.SubscriptionTerm;
import dev.licensereconciler.domain.SurplusSeats;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Surplus seats reach a purchaser's mail only inside the job's notice window before the renewal, and
 * a monthly subscription's seats to cut never do; seats that end while licenses need them always do.
 */
class SurplusNoticeTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 1);

    private static SurplusSeats cut(String id, SubscriptionTerm term, LocalDate renews) {
        return new SurplusSeats("SPE_E3", "Microsoft 365 E3", id, SubscriptionStatus.ENABLED, term, renews, true, false,
                10, 3, 3, renews, 0, 0, List.of("buyer@contoso.example"), new BigDecimal("33.70"), "EUR",
                null, new BigDecimal("1213.20"), SurplusSeats.Callout.CUT);
    }

    private static SurplusSeats trial(String id, LocalDate ends, int uncovered) {
        return new SurplusSeats("EMS", "EMS E3", id, SubscriptionStatus.ENABLED, null, ends, false, true,
                5, 5 - uncovered, 0, null, 5, uncovered, List.of("buyer@contoso.example"), BigDecimal.ZERO, "EUR",
                null, null, SurplusSeats.Callout.TRIAL_ENDS);
    }

    @Test
    void onlyRenewalsInsideTheWindowAndNeverMonthlyCutsAreMailed() {
        List<SurplusSeats> rows = List.of(
                cut("annual-in", SubscriptionTerm.P1Y, TODAY.plusDays(30)),
                cut("annual-later", SubscriptionTerm.P1Y, TODAY.plusDays(31)),
                cut("annual-past", SubscriptionTerm.P1Y, TODAY.minusDays(1)),
                cut("three-years-today", SubscriptionTerm.P3Y, TODAY),
                cut("term-unknown", null, TODAY.plusDays(10)),
                cut("monthly", SubscriptionTerm.P1M, TODAY.plusDays(5)),
                trial("trial-needed", TODAY.plusDays(14), 2),
                trial("trial-unneeded", TODAY.plusDays(14), 0),
                trial("trial-needed-later", TODAY.plusDays(45), 2));

        assertThat(SurplusNotice.due(rows, TODAY, 30)).extracting(SurplusSeats::subscriptionId)
                .containsExactly("annual-in", "three-years-today", "term-unknown", "trial-needed");
        assertThat(SurplusNotice.due(rows, TODAY, 60)).extracting(SurplusSeats::subscriptionId)
                .containsExactly("annual-in", "annual-later", "three-years-today", "term-unknown", "trial-needed",
                        "trial-needed-later");
        assertThat(SurplusNotice.due(rows, TODAY, 0)).as("0 days: never mail surplus").isEmpty();
    }

    @Test
    void aPurchasersShortfallMailListsTheirSubscriptionsDueInTextAndHtml() {
        SurplusSeats theirs = cut("ef837127", SubscriptionTerm.P1Y, TODAY.plusDays(19));
        SurplusSeats someoneElses = new SurplusSeats("EMS", "EMS E3", "other", SubscriptionStatus.ENABLED,
                SubscriptionTerm.P1Y, TODAY.plusDays(19), true, false, 10, 3, 3, TODAY.plusDays(19), 0, 0,
                List.of("security@contoso.example"), new BigDecimal("10.10"), "EUR", null, new BigDecimal("363.60"),
                SurplusSeats.Callout.CUT);

        MailPlan plan = new ShortfallMailPlanner().plan("nightly", "r1",
                List.of(MailFixtures.shortfall("STANDARDPACK", "Office 365 E1", 2, "9.40", "Buyer@contoso.example")),
                List.of(), List.of(), List.of(theirs, someoneElses));

        // security@ bought nothing short: their surplus goes in a surplus-only mail of their own (SurplusOnlyMailTest).
        assertThat(plan.mails()).extracting(ShortfallMail::recipients, ShortfallMail::surplusOnly).containsExactly(
                tuple(List.of("Buyer@contoso.example"), false),
                tuple(List.of("security@contoso.example"), true));
        ShortfallMail mail = plan.mails().get(0);
        assertThat(mail.skus()).as("the mail's key is unchanged by the surplus it lists").containsExactly("STANDARDPACK");
        assertThat(mail.textBody()).contains("Subscriptions of yours that renew or end soon:",
                "Microsoft 365 E3 (SPE_E3), subscription ef837127",
                "3 of 10 seats are not held: lower the quantity by 3 before the renewal on 2026-12-20.",
                "Saved a year:       EUR 1213.20").doesNotContain("EMS E3");
        assertThat(mail.htmlBody()).contains("ef837127", "EUR 1213.20").doesNotContain("other");
    }
}
