package dev.licensereconciler.mail;

import dev.licensereconciler.domain.InactiveNotice;
import dev.licensereconciler.domain.Shortfall;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static dev.licensereconciler.mail.MailFixtures.shortfall;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shortfall mail also tells the purchasers of a product whose licenses the next run reclaims
 * for inactivity who loses one: only them, in the mail they get anyway, or in a mail of its own
 * when the product is not short.
 */
class InactivityNoticeMailTest {

    private final ShortfallMailPlanner planner = new ShortfallMailPlanner();

    private static final InactiveNotice ADA = new InactiveNotice("ada@contoso.example", "ENTERPRISEPACK", "r0", 1,
            LocalDate.of(2026, 2, 11), true);
    private static final InactiveNotice CEM = new InactiveNotice("cem@contoso.example", "ENTERPRISEPACK", "r0", 1,
            null, true);
    /** noticeRuns 2: reported, but not removed by the next run. */
    private static final InactiveNotice LATER = new InactiveNotice("eli@contoso.example", "EMS", "r0", 1, null, false);

    @Test
    void onlyThePurchasersOfTheProductHearWhoLosesItOnTheNextRun() {
        List<Shortfall> shortfalls = List.of(
                shortfall("EMS", "Enterprise Mobility + Security E3", 0, "10.60", "security@contoso.example"),
                shortfall("ENTERPRISEPACK", "Office 365 E3", 0, "36.00", "buyer@contoso.example"));

        MailPlan plan = planner.plan("nightly", "r1", shortfalls, List.of(ADA, CEM, LATER), List.of("it@contoso.example"));

        assertThat(plan.mails()).hasSize(1);
        ShortfallMail mail = plan.mails().get(0);
        assertThat(mail.recipients()).containsExactly("buyer@contoso.example");
        assertThat(mail.skus()).containsExactly("ENTERPRISEPACK");
        assertThat(mail.subject()).isEqualTo(
                "Licenses reclaimed on the next run: 2 licenses of inactive users (ENTERPRISEPACK) - nightly");
        assertThat(mail.textBody()).contains("gave notice that its next run reclaims licenses of inactive users",
                "Removed on the next run (no activity):\n    ada@contoso.example (last active 2026-02-11)\n"
                        + "    cem@contoso.example (last active never)\n");
        assertThat(mail.htmlBody()).contains("<td>ada@contoso.example</td><td>ENTERPRISEPACK</td><td>2026-02-11</td>");
    }

    @Test
    void aShortProductsMailCarriesItsRemovalsAndKeepsItsSubject() {
        List<Shortfall> shortfalls = List.of(shortfall("ENTERPRISEPACK", "Office 365 E3", 3, "36.00",
                "buyer@contoso.example"));

        MailPlan plan = planner.plan("nightly", "r1", shortfalls, List.of(ADA), List.of());

        ShortfallMail mail = plan.mails().get(0);
        assertThat(mail.subject()).startsWith("License shortfall: 3 licenses to buy (ENTERPRISEPACK)");
        assertThat(mail.textBody()).contains("found products with fewer licenses than valid requests",
                "ada@contoso.example (last active 2026-02-11)");
    }

    @Test
    void withoutNoticesTheMailIsAsBefore() {
        List<Shortfall> shortfalls = MailFixtures.example();

        assertThat(planner.plan("nightly", "r1", shortfalls, List.of(), List.of("it@contoso.example")).mails())
                .usingRecursiveFieldByFieldElementComparator()
                .isEqualTo(planner.plan("nightly", "r1", shortfalls, List.of("it@contoso.example")).mails());
        assertThat(planner.plan("nightly", "r1", shortfalls, List.of("it@contoso.example")).mails().get(0).htmlBody())
                .doesNotContain("Removed on the next run");
    }
}
