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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads purchases.csv: one subscription per row; several rows may name the same product. */
public final class PurchasesReader {

    static final Column QUANTITY = Column.of("quantity", "units", "licenses", "Total licenses");
    /**
     * Graph's subscribedSku gives seats as prepaidUnits (enabled, warning, suspended, lockedOut);
     * Select-Object/Export-Csv flattens them as "prepaidUnits.enabled" or under a name of the
     * script's choosing (Enabled, EnabledUnits, PurchasedUnits); MSOnline's Get-MsolAccountSku calls
     * them ActiveUnits and WarningUnits. Read only when there is no quantity column.
     */
    static final Column ENABLED_UNITS = Column.of("prepaidUnits.enabled", "enabled", "enabledUnits", "activeUnits",
            "purchasedUnits");
    static final Column WARNING_UNITS = Column.of("prepaidUnits.warning", "warning", "warningUnits");
    /** Graph's and MSOnline's count of the product's licenses assigned in the tenant. */
    static final Column CONSUMED_UNITS = Column.of("consumedUnits", "consumed");
    /** Graph's appliesTo (User or Company); MSOnline's TargetClass (User or Tenant). */
    static final Column APPLIES_TO = Column.of("appliesTo", "targetClass");
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
            + "subscribedSkus) with columns 'sku' and 'quantity', one row per subscription; or Graph's columns "
            + "skuPartNumber and prepaidUnits.enabled (with prepaidUnits.warning), flattened by Select-Object.";

    private PurchasesReader() {
    }

    public static void read(CsvFile file, TenantSnapshot.Builder builder, List<Problem> problems) {
        read(file, builder, problems, new ConsumedUnits());
    }

    /** Reads the file; Graph's consumedUnits per product go to {@code consumed}, to be compared once all is read. */
    static void read(CsvFile file, TenantSnapshot.Builder builder, List<Problem> problems, ConsumedUnits consumed) {
        RowProblems rows = new RowProblems(file.name(), problems);
        int sku = file.require(Skus.SKU, REMEDY);
        // The quantity column is the subscription's seats; Graph's prepaidUnits are read only without it.
        int quantity = file.column(QUANTITY);
        int enabledUnits = quantity >= 0 ? -1 : file.column(ENABLED_UNITS);
        int warningUnits = quantity >= 0 ? -1 : file.column(WARNING_UNITS);
        if (quantity < 0 && enabledUnits < 0 && warningUnits < 0) {
            file.require(QUANTITY, REMEDY);
        }
        int status = file.column(STATUS);
        int channel = file.column(CHANNEL);
        int purchaser = file.column(PURCHASER);
        int unitPrice = file.column(UNIT_PRICE);
        int currency = file.column(CURRENCY);
        int subscriptionId = file.column(SUBSCRIPTION_ID);
        int consumedUnits = file.column(CONSUMED_UNITS);
        int appliesTo = file.column(APPLIES_TO);
        int renewalDate = file.column(RENEWAL_DATE);
        int term = file.column(TERM);
        int autoRenew = file.column(AUTO_RENEW);
        int isTrial = file.column(IS_TRIAL);
        // Seats per product so far: its capacity must stay countable (InputLimit.SEATS).
        Map<String, Long> seats = new HashMap<>();
        CompanyProducts company = new CompanyProducts();
        for (CsvRecord r : file) {
            String scope = r.get(appliesTo);
            if (!scope.isEmpty() && !scope.equalsIgnoreCase("User")) {
                company.add(r, r.get(sku), scope);
                continue;
            }
            Optional<Product> product = Skus.resolve(builder.catalog(), Skus.NOTHING_OWNED, r.get(sku), r, null, rows);
            if (product.isEmpty()) {
                continue;
            }
            String skuId = product.get().skuId();
            Integer units = quantity >= 0 ? quantity(rows, r, skuId, quantity, QUANTITY)
                    : prepaidUnits(rows, r, skuId, enabledUnits, warningUnits);
            if (units == null) {
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
            Integer inUse = null;
            if (!r.get(consumedUnits).isEmpty()) {
                inUse = Values.count(r.get(consumedUnits));
                if (inUse == null) {
                    invalid(rows, r, skuId, CONSUMED_UNITS, r.get(consumedUnits), "a whole number of 0 or more");
                    continue;
                }
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
                        + " (" + InputLimit.SEATS.why() + ").", "Correct the quantity (column '"
                        + (quantity >= 0 ? QUANTITY : ENABLED_UNITS).name() + "'); the subscription is skipped until then.");
                continue;
            }
            seats.put(skuId, total);
            builder.addSubscription(subscription);
            if (inUse != null) {
                consumed.add(skuId, inUse, r.line());
            }
        }
        company.report(rows);
    }

    /** A count of seats from one cell, or null after reporting it. */
    private static Integer quantity(RowProblems rows, CsvRecord r, String skuId, int column, Column named) {
        Integer units = Values.count(r.get(column));
        if (units == null) {
            String cell = r.get(column);
            invalid(rows, r, skuId, named, cell, Values.digitsOnly(cell) && !cell.startsWith("-")
                    ? "a whole number of at most " + InputLimit.SEATS.describe() + " (" + InputLimit.SEATS.why() + ")"
                    : "a whole number of 0 or more");
        }
        return units;
    }

    /**
     * Graph's usable seats: enabled plus warning units (a subscription in its grace period still
     * gives seats, R7); suspended and locked-out units give none. An empty cell counts 0 when the
     * other one has a number.
     */
    private static Integer prepaidUnits(RowProblems rows, CsvRecord r, String skuId, int enabled, int warning) {
        if (r.get(enabled).isEmpty() && r.get(warning).isEmpty()) {
            Column which = enabled >= 0 ? ENABLED_UNITS : WARNING_UNITS;
            invalid(rows, r, skuId, which, "", "a whole number of 0 or more");
            return null;
        }
        Integer on = r.get(enabled).isEmpty() ? Integer.valueOf(0) : quantity(rows, r, skuId, enabled, ENABLED_UNITS);
        if (on == null) {
            return null;
        }
        Integer grace = r.get(warning).isEmpty() ? Integer.valueOf(0) : quantity(rows, r, skuId, warning, WARNING_UNITS);
        if (grace == null) {
            return null;
        }
        long sum = (long) on + grace;
        if (sum > InputLimit.SEATS.max()) {
            invalid(rows, r, skuId, ENABLED_UNITS, on + " + " + grace, "enabled and warning units adding up to at most "
                    + InputLimit.SEATS.describe() + " (" + InputLimit.SEATS.why() + ")");
            return null;
        }
        return (int) sum;
    }

    /**
     * Subscriptions that apply to the company, not to users (Graph's appliesTo Company): nothing
     * to assign, so not an error per row; said once for the file.
     */
    private static final class CompanyProducts {
        /** Enough names to recognise them by; the rest are counted. */
        private static final int NAMED = 10;
        private int firstLine;
        private int count;
        private final Set<String> names = new LinkedHashSet<>();

        void add(CsvRecord r, String product, String scope) {
            if (firstLine == 0) {
                firstLine = r.line();
            }
            count++;
            if (names.size() < NAMED) {
                names.add(Values.quote(product) + " (" + scope + ")");
            }
        }

        void report(RowProblems rows) {
            if (firstLine == 0) {
                return;
            }
            String more = count > names.size() ? " and " + (count - names.size()) + " more" : "";
            rows.report(firstLine, ErrorCode.NOT_FOR_USERS, String.format(Locale.ROOT, "%,d", count) + " subscription"
                    + (count == 1 ? "" : "s") + " that apply to the company, not to users, "
                    + (count == 1 ? "was" : "were") + " skipped: " + String.join(", ", names) + more + ". Their seats cannot be assigned to a "
                    + "user, so they are not counted as any product's seats.", "Nothing to do for them; to leave them "
                    + "out of the export, filter on appliesTo (Where-Object AppliesTo -eq 'User').");
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
