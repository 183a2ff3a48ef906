package dev.licensereconciler.ingest;

import dev.licensereconciler.domain.ErrorCode;
import dev.licensereconciler.domain.Problem;
import dev.licensereconciler.domain.Product;
import dev.licensereconciler.domain.PurchaseChannel;
import dev.licensereconciler.domain.Subscription;
import dev.licensereconciler.domain.SubscriptionStatus;
import dev.licensereconciler.domain.SubscriptionTerm;
import dev.licensereconciler.domain.TenantSnapshot;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Reads purchases.csv: one subscription per row; several rows may name the same product. */
public final class PurchasesReader {

    static final Column QUANTITY = Column.of("quantity", "enabledUnits", "units", "licenses", "Total licenses");
    static final Column STATUS = Column.of("status", "capabilityStatus");
    static final Column CHANNEL = Column.of("channel", "purchaseChannel");
    static final Column PURCHASER = Column.of("purchaser", "purchasers", "purchasedBy", "owner");
    static final Column UNIT_PRICE = Column.of("unitPrice", "price");
    static final Column CURRENCY = Column.of("currency");
    static final Column SUBSCRIPTION_ID = Column.of("subscriptionId", "Subscription id");
    // Renewal terms (optional): Graph's companySubscription names the end of the term
    // nextLifecycleDateTime; Partner Center names the term termDuration and renewal autoRenewEnabled.
    static final Column RENEWAL_DATE = Column.of("renewalDate", "nextLifecycleDateTime", "Renewal date",
            "Next renewal date", "Next charge date");
    static final Column TERM = Column.of("term", "termDuration", "Term duration", "Billing term");
    static final Column AUTO_RENEW = Column.of("autoRenew", "autoRenewEnabled", "Recurring billing");
    static final Column IS_TRIAL = Column.of("isTrial", "trial");

    /** "999,999,999,999.99": the largest amount of {@link InputLimit#UNIT_PRICE_DIGITS} digits. */
    private static final String LARGEST_PRICE = String.format(Locale.ROOT, "%,." + InputLimit.UNIT_PRICE_DECIMALS.max() + "f",
            BigDecimal.TEN.pow(InputLimit.UNIT_PRICE_DIGITS.max())
                    .subtract(BigDecimal.ONE).movePointLeft(InputLimit.UNIT_PRICE_DECIMALS.max()));

    private static final String REMEDY = "Export the subscriptions (Billing > Your products, or Graph "
            + "subscribedSkus) with columns 'sku' and 'quantity', one row per subscription.";

    private PurchasesReader() {
    }

    public static void read(CsvFile file, TenantSnapshot.Builder builder, List<Problem> problems) {
        RowProblems rows = new RowProblems(file.name(), problems);
        int sku = file.require(Skus.SKU, REMEDY);
        int quantity = file.require(QUANTITY, REMEDY);
        int status = file.column(STATUS);
        int channel = file.column(CHANNEL);
        int purchaser = file.column(PURCHASER);
        int unitPrice = file.column(UNIT_PRICE);
        int currency = file.column(CURRENCY);
        int subscriptionId = file.column(SUBSCRIPTION_ID);
        int renewalDate = file.column(RENEWAL_DATE);
        int term = file.column(TERM);
        int autoRenew = file.column(AUTO_RENEW);
        int isTrial = file.column(IS_TRIAL);
        // Seats per product so far: its capacity must stay countable (InputLimit.SEATS).
        Map<String, Long> seats = new HashMap<>();
        for (CsvRecord r : file) {
            Optional<Product> product = Skus.resolve(builder.catalog(), r.get(sku), r, null, rows);
            if (product.isEmpty()) {
                continue;
            }
            String skuId = product.get().skuId();
            Integer units = Values.count(r.get(quantity));
            if (units == null) {
                String cell = r.get(quantity);
                invalid(rows, r, skuId, QUANTITY, cell, Values.digitsOnly(cell) && !cell.startsWith("-")
                        ? "a whole number of at most " + InputLimit.SEATS.describe() + " (" + InputLimit.SEATS.why() + ")"
                        : "a whole number of 0 or more");
                continue;
            }
            SubscriptionStatus state = status(r.get(status));
            if (state == null) {
                invalid(rows, r, skuId, STATUS, r.get(status), "Enabled, Warning, Suspended, Deleted or LockedOut");
                continue;
            }
            PurchaseChannel how = channel(r.get(channel));
            if (how == null) {
                invalid(rows, r, skuId, CHANNEL, r.get(channel), "Admin or SelfService");
                continue;
            }
            BigDecimal price = null;
            if (!r.get(unitPrice).isEmpty()) {
                Values.Amount amount = Values.amount(r.get(unitPrice), InputLimit.UNIT_PRICE_DIGITS.max(),
                        InputLimit.UNIT_PRICE_DECIMALS.max());
                if (!amount.ok()) {
                    rows.report(r.line(), null, skuId, ErrorCode.INVALID_ROW, Values.quote(r.get(unitPrice))
                            + " in column '" + UNIT_PRICE.name() + "' is not valid: it " + amount.problem()
                            + "; expected an amount such as 36.00 or 36,00, at most " + LARGEST_PRICE + ".",
                            "Write the price per license as digits with at most "
                            + InputLimit.UNIT_PRICE_DECIMALS.max() + " decimals; the subscription is skipped until then.");
                    continue;
                }
                price = amount.value();
            }
            String code = r.get(currency);
            if (rows.tooLong(r, null, skuId, CURRENCY, code, InputLimit.CURRENCY)) {
                continue;
            }
            if (!code.chars().allMatch(Character::isLetter)) {
                invalid(rows, r, skuId, CURRENCY, code, "a currency code of letters, such as EUR or USD");
                continue;
            }
            List<String> purchasers = Values.split(r.get(purchaser), ";,");
            if (purchasers.stream().anyMatch(a -> rows.tooLong(r, null, skuId, PURCHASER, a,
                    InputLimit.PURCHASER_ADDRESS))) {
                continue;
            }
            String id = r.get(subscriptionId);
            if (rows.tooLong(r, null, skuId, SUBSCRIPTION_ID, id, InputLimit.SUBSCRIPTION_ID)) {
                continue;
            }
            LocalDate renews = null;
            if (!r.get(renewalDate).isEmpty()) {
                renews = date(r.get(renewalDate));
                if (renews == null) {
                    invalid(rows, r, skuId, RENEWAL_DATE, r.get(renewalDate), "a date such as 2026-12-31 (or Graph's "
                            + "2026-12-31T00:00:00Z), at most in the year " + InputLimit.RENEWAL_YEAR.max());
                    continue;
                }
            }
            SubscriptionTerm length = term(r.get(term));
            if (length == null && !r.get(term).isEmpty()) {
                invalid(rows, r, skuId, TERM, r.get(term), "P1M (monthly), P1Y (annual) or P3Y (three years)");
                continue;
            }
            Boolean renewing = r.get(autoRenew).isEmpty() ? null : Values.flag(r.get(autoRenew));
            if (renewing == null && !r.get(autoRenew).isEmpty()) {
                invalid(rows, r, skuId, AUTO_RENEW, r.get(autoRenew), "true or false");
                continue;
            }
            Boolean trial = r.get(isTrial).isEmpty() ? Boolean.FALSE : Values.flag(r.get(isTrial));
            if (trial == null) {
                invalid(rows, r, skuId, IS_TRIAL, r.get(isTrial), "true or false");
                continue;
            }
            Subscription subscription = new Subscription(skuId, units, state, how, purchasers, price, code, id,
                    renews, length, renewing, trial);
            long total = seats.getOrDefault(skuId, 0L) + subscription.adminSeats();
            if (total > InputLimit.SEATS.max()) {
                rows.report(r.line(), null, skuId, ErrorCode.INVALID_ROW, "with quantity "
                        + String.format(Locale.ROOT, "%,d", units) + " the seats of " + skuId + " add up to "
                        + String.format(Locale.ROOT, "%,d", total) + ", more than the limit of " + InputLimit.SEATS.describe()
                        + " (" + InputLimit.SEATS.why() + ").", "Correct the quantity (column '" + QUANTITY.name()
                        + "'); the subscription is skipped until then.");
                continue;
            }
            seats.put(skuId, total);
            builder.addSubscription(subscription);
        }
    }

    private static void invalid(RowProblems rows, CsvRecord r, String sku, Column column, String value, String expected) {
        rows.report(r.line(), null, sku, ErrorCode.INVALID_ROW, Values.quote(value) + " in column '" + column.name()
                + "' is not valid; expected " + expected + ".", "Correct the value; the subscription is skipped "
                + "until then.");
    }

    /** 2026-12-31, or a date-time with an offset as Graph writes it (the day it is in UTC); null otherwise. */
    static LocalDate date(String cell) {
        String s = cell.strip();
        LocalDate d;
        try {
            d = s.length() <= 10 ? LocalDate.parse(s)
                    : OffsetDateTime.parse(s).atZoneSameInstant(ZoneOffset.UTC).toLocalDate();
        } catch (DateTimeParseException e) {
            return null;
        }
        return d.getYear() > InputLimit.RENEWAL_YEAR.max() ? null : d;
    }

    static SubscriptionTerm term(String cell) {
        return switch (Values.token(cell)) {
            case "P1M", "MONTHLY", "MONTH", "1MONTH" -> SubscriptionTerm.P1M;
            case "P1Y", "P12M", "ANNUAL", "YEARLY", "YEAR", "1YEAR" -> SubscriptionTerm.P1Y;
            case "P3Y", "P36M", "3YEARS", "TRIENNIAL" -> SubscriptionTerm.P3Y;
            default -> null;
        };
    }

    static SubscriptionStatus status(String cell) {
        return switch (Values.token(cell)) {
            case "", "ENABLED", "ACTIVE" -> SubscriptionStatus.ENABLED;
            case "WARNING" -> SubscriptionStatus.WARNING;
            case "SUSPENDED" -> SubscriptionStatus.SUSPENDED;
            case "DELETED" -> SubscriptionStatus.DELETED;
            case "LOCKEDOUT" -> SubscriptionStatus.LOCKED_OUT;
            default -> null;
        };
    }

    static PurchaseChannel channel(String cell) {
        return switch (Values.token(cell)) {
            case "", "ADMIN" -> PurchaseChannel.ADMIN;
            case "SELFSERVICE" -> PurchaseChannel.SELF_SERVICE;
            default -> null;
        };
    }
}
