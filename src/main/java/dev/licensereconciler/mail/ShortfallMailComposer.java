package dev.licensereconciler.mail;

import dev.licensereconciler.domain.Shortfall;
import dev.licensereconciler.mail.ShortfallMailPlanner.MailItem;
import dev.licensereconciler.report.CsvReportWriter;
import dev.licensereconciler.report.Html;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Writes subject, text body, HTML body and attachment of one shortfall mail. */
public final class ShortfallMailComposer {

    private static final int SKUS_IN_SUBJECT = 3;

    private final CsvReportWriter csv = new CsvReportWriter();

    ShortfallMail compose(String jobName, String runId, List<String> recipients, List<MailItem> items,
                          boolean fallback) {
        List<Shortfall> shortfalls = items.stream().map(MailItem::shortfall).toList();
        List<String> skus = shortfalls.stream().map(Shortfall::sku).toList();
        String attachment = new String(csv.shortfallBytes(shortfalls), StandardCharsets.UTF_8);
        return new ShortfallMail(runId, recipients, skus, subject(jobName, shortfalls),
                text(jobName, runId, items, fallback), html(jobName, runId, items, fallback), attachment);
    }

    private static String subject(String jobName, List<Shortfall> shortfalls) {
        int units = shortfalls.stream().mapToInt(Shortfall::shortfall).sum();
        List<String> skus = shortfalls.stream().map(Shortfall::sku).toList();
        String named = String.join(", ", skus.subList(0, Math.min(SKUS_IN_SUBJECT, skus.size())))
                + (skus.size() > SKUS_IN_SUBJECT ? " and " + (skus.size() - SKUS_IN_SUBJECT) + " more" : "");
        // ShortfallMail strips CR/LF again; doing it here keeps the subject readable too.
        return MailAddresses.headerValue("License shortfall: " + units + (units == 1 ? " license" : " licenses")
                + " to buy (" + named + ") - " + jobName);
    }

    private static String text(String jobName, String runId, List<MailItem> items, boolean fallback) {
        StringBuilder t = new StringBuilder();
        t.append("Hello,\n\n");
        t.append("Run ").append(runId).append(" of license job ").append(jobName)
                .append(" found products with fewer licenses than valid requests.\n");
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
        }
        Map<String, BigDecimal> totals = totals(items);
        if (!totals.isEmpty()) {
            t.append('\n');
            totals.forEach((currency, amount) -> line(t, "Total cost", currency + " " + amount.toPlainString()));
        }
        t.append("\nBuy the licenses, or reclaim unused ones, and the next run assigns them.\n");
        t.append("The attached ").append(ShortfallMail.ATTACHMENT_NAME).append(" holds these figures.\n");
        return t.toString();
    }

    private static String html(String jobName, String runId, List<MailItem> items, boolean fallback) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html><html><body style=\"font-family:sans-serif;color:#1f2933\">\n");
        h.append("<p>Run <b>").append(Html.escape(runId)).append("</b> of license job <b>")
                .append(Html.escape(jobName)).append("</b> found products with fewer licenses than valid requests.</p>\n");
        h.append("<p>").append(fallback ? "You receive this because no valid purchaser address is known for these "
                + "products." : "You receive this because you purchased these products.").append("</p>\n");
        h.append("<table cellpadding=\"4\" style=\"border-collapse:collapse\">\n<tr style=\"background:#f0f4f8\">"
                + "<th align=\"left\">product</th><th align=\"left\">SKU</th><th align=\"right\">to buy</th>"
                + "<th align=\"right\">capacity</th><th align=\"right\">assigned</th><th align=\"right\">requested</th>"
                + "<th align=\"right\">reclaimable</th><th align=\"right\">unit price</th><th align=\"right\">cost</th>"
                + "</tr>\n");
        for (MailItem item : items) {
            Shortfall s = item.shortfall();
            h.append("<tr><td>").append(Html.escape(s.product())).append("</td><td>").append(Html.escape(s.sku()))
                    .append("</td>").append(cell(s.shortfall())).append(cell(s.capacity()))
                    .append(cell(s.assignedAfter())).append(cell(s.requested())).append(cell(s.reclaimable()))
                    .append(cell(money(s.currency(), s.unitPrice()))).append(cell(money(s.currency(), s.shortfallCost())))
                    .append("</tr>\n");
            if (!item.note().isEmpty()) {
                h.append("<tr><td colspan=\"9\"><i>").append(Html.escape(item.note())).append("</i></td></tr>\n");
            }
        }
        h.append("</table>\n");
        totals(items).forEach((currency, amount) -> h.append("<p>Total cost: <b>")
                .append(Html.escape(currency + " " + amount.toPlainString())).append("</b></p>\n"));
        h.append("<p>Buy the licenses, or reclaim unused ones, and the next run assigns them. The attached ")
                .append(ShortfallMail.ATTACHMENT_NAME).append(" holds these figures.</p>\n</body></html>\n");
        return h.toString();
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

    private static String cell(Object value) {
        return "<td align=\"right\">" + Html.escape(value) + "</td>";
    }

    private static String money(String currency, BigDecimal amount) {
        if (amount == null) {
            return "unknown";
        }
        return currency == null ? amount.toPlainString() : currency + " " + amount.toPlainString();
    }
}
