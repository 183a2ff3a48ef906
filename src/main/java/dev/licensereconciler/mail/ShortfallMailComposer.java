package dev.licensereconciler.mail;

import dev.licensereconciler.domain.InactiveNotice;
import dev.licensereconciler.domain.Shortfall;
import dev.licensereconciler.domain.SurplusSeats;
import dev.licensereconciler.mail.ShortfallMailPlanner.MailItem;
import dev.licensereconciler.mail.ShortfallMailPlanner.SurplusItem;
import dev.licensereconciler.report.CsvReportWriter;
import dev.licensereconciler.report.Templates;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Writes subject, text body, HTML body and attachment of one shortfall mail, or of a surplus-only one. */
public final class ShortfallMailComposer {

    private static final int SKUS_IN_SUBJECT = 3;

    private final CsvReportWriter csv = new CsvReportWriter();
    private final Templates templates;

    public ShortfallMailComposer(Templates templates) {
        this.templates = templates;
    }

    public ShortfallMailComposer() {
        this(new Templates());
    }

    ShortfallMail compose(String jobName, String runId, List<String> recipients, List<MailItem> items,
                          boolean fallback) {
        return compose(jobName, runId, recipients, items, fallback, List.of());
    }

    /** @param surplus the recipient's subscriptions with seats to cut or ending soon, listed after the shortfall */
    ShortfallMail compose(String jobName, String runId, List<String> recipients, List<MailItem> items,
                          boolean fallback, List<SurplusItem> surplus) {
        List<Shortfall> shortfalls = items.stream().map(MailItem::shortfall).toList();
        List<String> skus = shortfalls.stream().map(Shortfall::sku).toList();
        String attachment = new String(csv.shortfallBytes(shortfalls), StandardCharsets.UTF_8);
        return new ShortfallMail(runId, recipients, skus, subject(jobName, shortfalls, items),
                text(jobName, runId, items, fallback, surplus), html(jobName, runId, items, fallback, surplus), attachment,
                fallback, false);
    }

    /**
     * A mail about surplus only: seats to cut before a renewal, or seats that end while licenses
     * still need them. Nothing in it is to buy but what a lapsing seat's licenses need, so subject
     * and body say what to cut by when; the attachment holds the subscriptions' surplus.csv rows.
     */
    ShortfallMail composeSurplus(String jobName, String runId, List<String> recipients, List<SurplusItem> surplus,
                                 boolean fallback) {
        List<SurplusSeats> rows = surplus.stream().map(SurplusItem::seats).toList();
        List<String> skus = rows.stream().map(SurplusSeats::sku).distinct().toList();
        String attachment = new String(csv.surplusBytes(rows), StandardCharsets.UTF_8);
        return new ShortfallMail(runId, recipients, skus, surplusSubject(jobName, rows, skus),
                surplusText(jobName, runId, surplus, fallback), surplusHtml(jobName, runId, surplus, fallback), attachment,
                fallback, true);
    }

    private static String surplusSubject(String jobName, List<SurplusSeats> rows, List<String> skus) {
        int cut = rows.stream().mapToInt(SurplusSeats::cut).sum();
        int uncovered = rows.stream().mapToInt(SurplusSeats::uncovered).sum();
        List<String> parts = new ArrayList<>(2);
        if (cut > 0) {
            parts.add("cut " + cut + (cut == 1 ? " seat" : " seats") + " before " + earliest(rows.stream()
                    .filter(s -> s.cut() > 0).map(SurplusSeats::cutBefore)));
        }
        if (uncovered > 0) {
            parts.add(uncovered + (uncovered == 1 ? " license loses its seat" : " licenses lose their seat") + " on "
                    + earliest(rows.stream().filter(s -> s.uncovered() > 0).map(SurplusSeats::renewalDate)));
        }
        return MailAddresses.headerValue((cut > 0 ? "Seats to cut at renewal: " : "Seats ending: ")
                + String.join(", ", parts) + " (" + named(skus) + ") - " + jobName);
    }

    private static String earliest(Stream<LocalDate> dates) {
        return dates.filter(Objects::nonNull).min(Comparator.naturalOrder()).map(LocalDate::toString)
                .orElse("the next renewal");
    }

    private static String surplusText(String jobName, String runId, List<SurplusItem> surplus, boolean fallback) {
        StringBuilder t = new StringBuilder();
        t.append("Hello,\n\n");
        t.append("Run ").append(runId).append(" of license job ").append(jobName)
                .append(" found subscriptions that renew or end soon with seats to act on. Nothing here is a shortfall.\n");
        t.append(fallback ? "You receive this because no valid purchaser address is known for these subscriptions.\n"
                : "You receive this because you purchased these subscriptions.\n");
        surplusLines(t, surplus);
        t.append('\n');
        surplusAdvice(surplus).forEach(line -> t.append(line).append('\n'));
        t.append("The attached ").append(ShortfallMail.SURPLUS_ATTACHMENT_NAME).append(" holds these figures.\n");
        return t.toString();
    }

    /** What to do, once per kind of row the mail has: seats to cut, seats that end under licenses. */
    private static List<String> surplusAdvice(List<SurplusItem> surplus) {
        List<String> advice = new ArrayList<>(2);
        if (surplus.stream().anyMatch(i -> i.seats().cut() > 0)) {
            advice.add("A seat can only be cut at renewal: lower the subscription's quantity before the date given.");
        }
        if (surplus.stream().anyMatch(i -> i.seats().uncovered() > 0)) {
            advice.add("Licenses on seats that end need a seat by then: renew, buy or convert seats, or free them.");
        }
        return advice;
    }

    private static void surplusLines(StringBuilder t, List<SurplusItem> surplus) {
        for (SurplusItem item : surplus) {
            SurplusSeats s = item.seats();
            t.append('\n').append(s.product()).append(" (").append(s.sku()).append("), subscription ")
                    .append(s.subscriptionId()).append('\n');
            t.append("  ").append(s.note()).append('\n');
            if (s.savingPerYear() != null) {
                line(t, "Saved a year", money(s.currency(), s.savingPerYear()));
            }
            if (!item.note().isEmpty()) {
                t.append("  ").append(item.note()).append('\n');
            }
        }
    }

    private String surplusHtml(String jobName, String runId, List<SurplusItem> surplus, boolean fallback) {
        Map<String, Object> mail = new HashMap<>();
        mail.put("runId", runId);
        mail.put("jobName", jobName);
        mail.put("fallback", fallback);
        mail.put("surplus", surplusLines(surplus));
        mail.put("advice", surplusAdvice(surplus));
        mail.put("attachment", ShortfallMail.SURPLUS_ATTACHMENT_NAME);
        return templates.render("surplus-mail", mail);
    }

    private static List<SurplusLine> surplusLines(List<SurplusItem> surplus) {
        return surplus.stream().map(i -> {
            SurplusSeats s = i.seats();
            return new SurplusLine(s.product(), s.sku(), s.subscriptionId(), s.note(),
                    s.savingPerYear() == null ? "" : money(s.currency(), s.savingPerYear()), i.note());
        }).toList();
    }

    private static String named(List<String> skus) {
        return String.join(", ", skus.subList(0, Math.min(SKUS_IN_SUBJECT, skus.size())))
                + (skus.size() > SKUS_IN_SUBJECT ? " and " + (skus.size() - SKUS_IN_SUBJECT) + " more" : "");
    }

    private static String subject(String jobName, List<Shortfall> shortfalls, List<MailItem> items) {
        int units = shortfalls.stream().mapToInt(Shortfall::shortfall).sum();
        String named = named(shortfalls.stream().map(Shortfall::sku).toList());
        if (units == 0) {
            int removed = removals(items);
            return MailAddresses.headerValue("Licenses reclaimed on the next run: " + removed
                    + (removed == 1 ? " license" : " licenses") + " of inactive users (" + named + ") - " + jobName);
        }
        // ShortfallMail strips CR/LF again; doing it here keeps the subject readable too.
        return MailAddresses.headerValue("License shortfall: " + units + (units == 1 ? " license" : " licenses")
                + " to buy (" + named + ") - " + jobName);
    }

    private static String text(String jobName, String runId, List<MailItem> items, boolean fallback,
                               List<SurplusItem> surplus) {
        StringBuilder t = new StringBuilder();
        t.append("Hello,\n\n");
        t.append("Run ").append(runId).append(" of license job ").append(jobName).append(shortOfAny(items)
                ? " found products with fewer licenses than valid requests.\n"
                : " gave notice that its next run reclaims licenses of inactive users.\n");
        t.append(fallback ? "You receive this because no valid purchaser address is known for these products.\n"
                : "You receive this because you purchased these products.\n");
        for (MailItem item : items) {
            Shortfall s = item.shortfall();
            t.append('\n').append(s.product()).append(" (").append(s.sku()).append(")\n");
            line(t, "Licenses to buy", Integer.toString(s.shortfall()));
            line(t, "Capacity", Integer.toString(s.capacity()));
            line(t, "Assigned after run", Integer.toString(s.assignedAfter()));
            line(t, "New requests", Integer.toString(s.requested()));
            line(t, "Reclaimable", Integer.toString(s.reclaimable()));
            line(t, "Unit price", money(s.currency(), s.unitPrice()));
            line(t, "Cost", money(s.currency(), s.shortfallCost()));
            if (!item.note().isEmpty()) {
                t.append("  ").append(item.note()).append('\n');
            }
            if (!item.removedNextRun().isEmpty()) {
                t.append("  Removed on the next run (no activity):\n");
                for (InactiveNotice n : item.removedNextRun()) {
                    t.append("    ").append(n.user()).append(" (last active ").append(lastActive(n)).append(")\n");
                }
            }
        }
        Map<String, BigDecimal> totals = totals(items);
        if (!totals.isEmpty()) {
            t.append('\n');
            totals.forEach((currency, amount) -> line(t, "Total cost", currency + " " + amount.toPlainString()));
        }
        if (!surplus.isEmpty()) {
            t.append(fallback ? "\nSubscriptions without a valid purchaser that renew or end soon:\n"
                    : "\nSubscriptions of yours that renew or end soon:\n");
            surplusLines(t, surplus);
        }
        t.append("\nBuy the licenses, or reclaim unused ones, and the next run assigns them.\n");
        t.append("The attached ").append(ShortfallMail.ATTACHMENT_NAME).append(" holds these figures.\n");
        return t.toString();
    }

    private String html(String jobName, String runId, List<MailItem> items, boolean fallback,
                        List<SurplusItem> surplus) {
        List<HtmlLine> lines = items.stream().map(item -> {
            Shortfall s = item.shortfall();
            return new HtmlLine(s.product(), s.sku(), s.shortfall(), s.capacity(), s.assignedAfter(), s.requested(),
                    s.reclaimable(), money(s.currency(), s.unitPrice()), money(s.currency(), s.shortfallCost()), item.note());
        }).toList();
        Map<String, Object> mail = new HashMap<>();
        mail.put("runId", runId);
        mail.put("jobName", jobName);
        mail.put("fallback", fallback);
        mail.put("lines", lines);
        mail.put("shortOfAny", shortOfAny(items));
        mail.put("removals", items.stream().flatMap(i -> i.removedNextRun().stream())
                .map(n -> new HtmlRemoval(n.user(), n.sku(), lastActive(n))).toList());
        mail.put("totals", totals(items).entrySet().stream().map(t -> t.getKey() + " " + t.getValue().toPlainString()).toList());
        mail.put("attachment", ShortfallMail.ATTACHMENT_NAME);
        mail.put("surplus", surplusLines(surplus));
        return templates.render("shortfall-mail", mail);
    }

    /** One product of the HTML body, as shown; {@code note} is empty but in fallback mails. */
    public record HtmlLine(String product, String sku, int toBuy, int capacity, int assigned, int requested,
                           int reclaimable, String unitPrice, String cost, String note) {
    }

    /** One license the next run reclaims for inactivity, as the HTML body shows it. */
    public record HtmlRemoval(String user, String sku, String lastActive) {
    }

    private static boolean shortOfAny(List<MailItem> items) {
        return items.stream().anyMatch(i -> i.shortfall().shortfall() > 0);
    }

    private static int removals(List<MailItem> items) {
        return items.stream().mapToInt(i -> i.removedNextRun().size()).sum();
    }

    private static String lastActive(InactiveNotice n) {
        return n.lastActive() == null ? "never" : n.lastActive().toString();
    }

    /**
     * One subscription of the HTML body's surplus section, as shown; {@code why} is empty but in
     * fallback mails, where it says why the fallback recipients get it.
     */
    public record SurplusLine(String product, String sku, String subscriptionId, String note, String savingPerYear,
                              String why) {
    }

    private static Map<String, BigDecimal> totals(List<MailItem> items) {
        Map<String, BigDecimal> totals = new TreeMap<>();
        for (MailItem item : items) {
            Shortfall s = item.shortfall();
            if (s.currency() != null && s.shortfallCost() != null) {
                totals.merge(s.currency(), s.shortfallCost(), BigDecimal::add);
            }
        }
        return totals;
    }

    private static void line(StringBuilder t, String label, String value) {
        t.append("  ").append(String.format("%-20s", label + ":")).append(value).append('\n');
    }

    private static String money(String currency, BigDecimal amount) {
        if (amount == null) {
            return "unknown";
        }
        return currency == null ? amount.toPlainString() : currency + " " + amount.toPlainString();
    }
}
