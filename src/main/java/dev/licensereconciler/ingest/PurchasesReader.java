package dev.licensereconciler.ingest;

import dev.licensereconciler.domain.ErrorCode;
import dev.licensereconciler.domain.Problem;
import dev.licensereconciler.domain.Product;
import dev.licensereconciler.domain.PurchaseChannel;
import dev.licensereconciler.domain.Subscription;
import dev.licensereconciler.domain.SubscriptionStatus;
import dev.licensereconciler.domain.TenantSnapshot;

import java.math.BigDecimal;
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
        // Seats per product so far: its capacity must stay countable (InputLimit.SEATS).
        Map<String, Long> seats = new HashMap<>();
        for (CsvRecord r : file) {
            Optional<Product> product = Skus.resolve(builder.catalog(), Skus.NOTHING_OWNED, r.get(sku), r, null, rows);
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
            Subscription subscription = new Subscription(skuId, units, state, how, purchasers, price, code,
                    r.get(subscriptionId));
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
