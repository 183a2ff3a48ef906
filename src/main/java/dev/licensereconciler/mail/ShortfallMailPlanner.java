package dev.licensereconciler.mail;

import dev.licensereconciler.domain.InactiveNotice;
import dev.licensereconciler.domain.Shortfall;
import dev.licensereconciler.domain.SurplusSeats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Plans the shortfall mails of a run (§8): one mail per purchaser covering exactly the products
 * they bought (a product with several purchasers goes to each), and one mail to all fallback
 * recipients for products nobody valid bought.
 *
 * <p>A product with an invalid purchaser address also goes to the fallback recipients, even when
 * another purchaser is valid: the invalid purchaser's share of the news would otherwise be lost,
 * and the fallback mail names the bad address so someone can correct purchases.csv.
 *
 * <p>Surplus seats due for notice ({@link SurplusNotice}) follow the same rules per subscription:
 * each goes to every valid purchaser of it, and to the fallback recipients when none is valid or
 * one is not. They join the recipient's shortfall mail when there is one; a recipient with only
 * surplus gets a surplus-only mail of its own (about seats to cut, not to buy).
 */
public final class ShortfallMailPlanner {

    private final ShortfallMailComposer composer;

    public ShortfallMailPlanner(ShortfallMailComposer composer) {
        this.composer = composer;
    }

    public ShortfallMailPlanner() {
        this(new ShortfallMailComposer());
    }

    public MailPlan plan(String jobName, String runId, List<Shortfall> shortfalls, List<String> fallbackRecipients) {
        return plan(jobName, runId, shortfalls, List.of(), fallbackRecipients, List.of());
    }

    /**
     * Also tells the purchasers of a product whose licenses the next run reclaims for inactivity
     * ({@code notices} removed next run) who loses it, in the same mail as its shortfall.
     */
    public MailPlan plan(String jobName, String runId, List<Shortfall> shortfalls, List<InactiveNotice> notices,
                         List<String> fallbackRecipients) {
        return plan(jobName, runId, shortfalls, notices, fallbackRecipients, List.of());
    }

    /**
     * @param notices licenses the next run reclaims for inactivity (those removed next run are mailed)
     * @param surplus surplus rows due for notice ({@link SurplusNotice}); each goes to every valid
     *                purchaser of its subscription, in their shortfall mail or in a surplus-only one
     */
    public MailPlan plan(String jobName, String runId, List<Shortfall> shortfalls, List<InactiveNotice> notices,
                         List<String> fallbackRecipients, List<SurplusSeats> surplus) {
        Map<String, List<InactiveNotice>> removals = new TreeMap<>();
        for (InactiveNotice n : notices) {
            if (n.removedNextRun()) {
                removals.computeIfAbsent(n.sku(), k -> new ArrayList<>()).add(n);
            }
        }
        List<AddressProblem> problems = new ArrayList<>();
        // Keyed by lower-cased address: one mail per person however purchases.csv spells them.
        Map<String, Recipient> purchasers = new TreeMap<>();
        List<MailItem> fallbackItems = new ArrayList<>();

        for (Shortfall s : shortfalls) {
            List<InactiveNotice> removed = removals.getOrDefault(s.sku(), List.of());
            if (s.shortfall() <= 0 && removed.isEmpty()) {
                continue;
            }
            List<String> invalid = new ArrayList<>();
            int valid = 0;
            for (String raw : s.purchasers()) {
                var address = MailAddresses.parse(raw);
                if (address.isEmpty()) {
                    invalid.add(raw);
                    problems.add(new AddressProblem(s.sku(), raw, "not a valid e-mail address"));
                    continue;
                }
                recipient(purchasers, address.get()).items().putIfAbsent(s.sku(), new MailItem(s, "", removed));
                valid++;
            }
            if (valid == 0 || !invalid.isEmpty()) {
                fallbackItems.add(new MailItem(s, fallbackNote(invalid, "product"), removed));
            }
        }

        List<SurplusItem> fallbackSurplus = new ArrayList<>();
        for (SurplusSeats s : surplus) {
            List<String> invalid = new ArrayList<>();
            int valid = 0;
            for (String raw : s.purchasers()) {
                var address = MailAddresses.parse(raw);
                if (address.isEmpty()) {
                    invalid.add(raw);
                    AddressProblem problem = new AddressProblem(s.sku(), raw, "not a valid e-mail address");
                    if (!problems.contains(problem)) {
                        problems.add(problem); // already said for the product's shortfall
                    }
                    continue;
                }
                List<SurplusItem> theirs = recipient(purchasers, address.get()).surplus();
                if (theirs.stream().noneMatch(i -> i.seats() == s)) {
                    theirs.add(new SurplusItem(s, ""));
                }
                valid++;
            }
            if (valid == 0 || !invalid.isEmpty()) {
                fallbackSurplus.add(new SurplusItem(s, fallbackNote(invalid, "subscription")));
            }
        }

        List<ShortfallMail> mails = new ArrayList<>();
        for (Recipient r : purchasers.values()) {
            if (!r.items().isEmpty()) {
                mails.add(composer.compose(jobName, runId, List.of(r.address()), List.copyOf(r.items().values()), false,
                        r.surplus()));
            } else {
                mails.add(composer.composeSurplus(jobName, runId, List.of(r.address()), r.surplus(), false));
            }
        }
        List<String> unreachable = new ArrayList<>();
        if (!fallbackItems.isEmpty() || !fallbackSurplus.isEmpty()) {
            List<String> fallback = validFallback(fallbackRecipients, problems);
            if (fallback.isEmpty()) {
                fallbackItems.forEach(i -> unreachable.add(i.shortfall().sku()));
                fallbackSurplus.stream().map(i -> i.seats().sku()).filter(sku -> !unreachable.contains(sku))
                        .forEach(unreachable::add);
            } else if (!fallbackItems.isEmpty()) {
                mails.add(composer.compose(jobName, runId, fallback, fallbackItems, true, fallbackSurplus));
            } else {
                mails.add(composer.composeSurplus(jobName, runId, fallback, fallbackSurplus, true));
            }
        }
        return new MailPlan(mails, problems, unreachable);
    }

    private static Recipient recipient(Map<String, Recipient> purchasers, String address) {
        return purchasers.computeIfAbsent(address.toLowerCase(Locale.ROOT),
                k -> new Recipient(address, new LinkedHashMap<>(), new ArrayList<>()));
    }

    private static List<String> validFallback(List<String> fallbackRecipients, List<AddressProblem> problems) {
        Map<String, String> valid = new LinkedHashMap<>();
        for (String raw : fallbackRecipients == null ? List.<String>of() : fallbackRecipients) {
            var address = MailAddresses.parse(raw);
            if (address.isEmpty()) {
                problems.add(new AddressProblem("", raw, "fallback recipient is not a valid e-mail address"));
            } else {
                valid.putIfAbsent(address.get().toLowerCase(Locale.ROOT), address.get());
            }
        }
        return List.copyOf(valid.values());
    }

    /** @param what "product" or "subscription": what the fallback recipients are told about */
    private static String fallbackNote(List<String> invalid, String what) {
        if (invalid.isEmpty()) {
            return "No purchaser is on record for this " + what + ".";
        }
        return "Purchaser address not valid, please correct it in purchases.csv: " + String.join("; ", invalid);
    }

    private record Recipient(String address, Map<String, MailItem> items, List<SurplusItem> surplus) {
    }

    /** One subscription with seats to cut or ending, with a note on why it is there (fallback mails only). */
    record SurplusItem(SurplusSeats seats, String note) {
    }

    /**
     * One product in a mail, with a note on why it is there (fallback mails only) and the licenses of
     * it the next run reclaims for inactivity.
     */
    record MailItem(Shortfall shortfall, String note, List<InactiveNotice> removedNextRun) {
        MailItem(Shortfall shortfall, String note) {
            this(shortfall, note, List.of());
        }
    }
}
