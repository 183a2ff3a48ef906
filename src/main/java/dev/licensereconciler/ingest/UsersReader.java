package dev.licensereconciler.ingest;

import dev.licensereconciler.domain.CurrentLicense;
import dev.licensereconciler.domain.ErrorCode;
import dev.licensereconciler.domain.Plans;
import dev.licensereconciler.domain.Problem;
import dev.licensereconciler.domain.Product;
import dev.licensereconciler.domain.TenantSnapshot;
import dev.licensereconciler.domain.TenantUser;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * Reads users.csv in either real shape: the admin center's "Active users" export or Entra's
 * "Download users" export. Keeps nothing per row beyond what the builder keeps, so a million
 * users stream through.
 */
public final class UsersReader {

    static final Column UPN = Column.of("User principal name", "userPrincipalName", "upn");
    static final Column DISPLAY_NAME = Column.of("Display name", "displayName");
    static final Column OBJECT_ID = Column.of("Object Id", "objectId", "id");
    static final Column USER_TYPE = Column.of("userType", "User type");
    static final Column BLOCK_CREDENTIAL = Column.of("Block credential", "blockCredential", "blocked");
    static final Column ACCOUNT_ENABLED = Column.of("accountEnabled", "Account enabled");
    static final Column USAGE_LOCATION = Column.of("Usage location", "usageLocation");
    static final Column LICENSES = Column.of("Licenses");
    /** Entra's createdDateTime, the admin center's "When created": a user never active counts from it. */
    static final Column CREATED = Column.of("createdDateTime", "When created", "Created date time", "Creation date");
    static final Column DEPARTMENT = Column.of("Department");

    static final String REMEDY = "Export users from the admin center (Users > Active users > Export users) "
            + "or from Entra (Users > Download users), or add the column.";

    private UsersReader() {
    }

    /**
     * Adds every valid user to the builder. With {@code currentLicensesFromColumn} (no
     * assignments.csv), the Licenses column also becomes the users' current licenses: direct,
     * every service on.
     */
    public static void read(CsvFile file, TenantSnapshot.Builder builder, boolean currentLicensesFromColumn,
                            List<Problem> problems) {
        new Run(file, builder, currentLicensesFromColumn, new RowProblems(file.name(), problems)).readAll();
    }

    private static final class Run {
        private final CsvFile file;
        private final TenantSnapshot.Builder builder;
        private final RowProblems problems;
        private final int upn;
        private final int displayName;
        private final int objectId;
        private final int userType;
        private final int blockCredential;
        private final int accountEnabled;
        private final int usageLocation;
        private final int licenses;
        private final int created;
        private final int[] signIns;
        private final int department;
        private final SharedStrings shared = new SharedStrings();
        private final UnheldProducts unheld = new UnheldProducts("user", "Use a newer catalog that lists it "
                + "(job key 'catalog'), or provide assignments.csv, which names products by String_Id.");

        Run(CsvFile file, TenantSnapshot.Builder builder, boolean licensesFromColumn, RowProblems problems) {
            this.file = file;
            this.builder = builder;
            this.problems = problems;
            this.upn = file.require(UPN, REMEDY);
            this.displayName = file.column(DISPLAY_NAME);
            this.objectId = file.column(OBJECT_ID);
            this.userType = file.column(USER_TYPE);
            this.blockCredential = file.column(BLOCK_CREDENTIAL);
            this.accountEnabled = file.column(ACCOUNT_ENABLED);
            this.usageLocation = file.column(USAGE_LOCATION);
            this.licenses = licensesFromColumn ? file.column(LICENSES) : -1;
            this.created = file.column(CREATED);
            this.signIns = ActivityReader.SIGN_INS.stream().mapToInt(file::column).toArray();
            this.department = file.column(DEPARTMENT);
        }

        void readAll() {
            missingColumns();
            for (CsvRecord r : file) {
                readRow(r);
            }
            unheld.report(problems, builder::subscribesTo);
        }

        /**
         * An export without these columns (Entra's user download may lack both) is read, but what
         * that implies is said once, rather than left to show as a refusal per user.
         */
        private void missingColumns() {
            int header = file.headerLine();
            if (blockCredential < 0 && accountEnabled < 0) {
                problems.report(header, ErrorCode.MISSING_COLUMN, "the file has no column "
                        + BLOCK_CREDENTIAL.describe() + " and no column " + ACCOUNT_ENABLED.describe()
                        + ", so every user is read as enabled: licenses of blocked accounts are neither refused "
                        + "(ACCOUNT_BLOCKED) nor reported reclaimable, and reclaim: blocked removes none.",
                        "Export users from the admin center (Users > Active users > Export users, which has "
                        + "'Block credential') or choose the accountEnabled column in Entra's Download users.");
            }
            if (usageLocation < 0) {
                problems.report(header, ErrorCode.MISSING_COLUMN, "the file has no column "
                        + USAGE_LOCATION.describe() + ", so no user has a usage location: a new license from a rule "
                        + "gets the job's defaultUsageLocation when the job sets one and is refused "
                        + "(USAGE_LOCATION_MISSING) otherwise; a bulk import's new licenses are refused.",
                        "Export users from the admin center (Users > Active users > Export users, which has "
                        + "'Usage location') or choose the usageLocation column in Entra's Download users.");
            }
        }

        private void readRow(CsvRecord r) {
            String name = r.get(upn);
            if (name.isEmpty()) {
                problems.missingValue(r.line(), UPN);
                return;
            }
            if (problems.tooLong(r, null, null, UPN, name, InputLimit.USER_PRINCIPAL_NAME)) {
                return;
            }
            if (name.indexOf('@') <= 0 || name.indexOf('@') == name.length() - 1) {
                problems.report(r.line(), ErrorCode.INVALID_ROW, Values.quote(name) + " is not a user principal name "
                        + "(it needs the form name@domain).", "Correct the user principal name or delete the row.");
                return;
            }
            Boolean blocked = flag(r, blockCredential, false);
            Boolean enabled = flag(r, accountEnabled, true);
            if (blocked == null || enabled == null) {
                return;
            }
            boolean guest = r.get(userType).equalsIgnoreCase("Guest")
                    || name.toUpperCase(Locale.ROOT).contains("#EXT#");
            TenantUser user = new TenantUser(name, r.get(displayName), r.get(objectId), guest,
                    blocked || !enabled, shared.share(r.get(usageLocation)));
            int index = builder.addUser(user);
            if (index < 0) {
                problems.report(r.line(), ErrorCode.DUPLICATE_ROW, "user '" + name + "' appears more than once; "
                        + "only its first row is used.", "Delete the duplicate row.");
                return;
            }
            if (!r.get(department).isEmpty()) {
                builder.department(index, shared.share(r.get(department)));
            }
            if (licenses >= 0) {
                addLicenses(r, index, user.upn());
            }
            readDates(r, index, user.upn());
        }

        /** Creation and sign-in dates, for activity.csv's judgement; a bad date drops the date, not the user. */
        private void readDates(CsvRecord r, int index, String name) {
            LocalDate day = date(r, created, CREATED, name);
            if (day != null) {
                builder.createdOn(index, day);
            }
            for (int c = 0; c < signIns.length; c++) {
                LocalDate signIn = date(r, signIns[c], ActivityReader.SIGN_INS.get(c), name);
                if (signIn != null) {
                    builder.activeOn(index, signIn);
                }
            }
        }

        private LocalDate date(CsvRecord r, int column, Column c, String name) {
            String cell = r.get(column);
            if (cell.isEmpty()) {
                return null;
            }
            LocalDate day = ActivityDates.parse(cell);
            if (day == null) {
                problems.report(r.line(), name, null, ErrorCode.INVALID_ROW, Values.quote(cell) + " in column '"
                        + c.name() + "' is not a date; the user is read without it.", "Write the date as "
                        + ActivityDates.FORMS + ", or export the users again.");
            }
            return day;
        }

        private Boolean flag(CsvRecord r, int column, boolean absent) {
            String cell = r.get(column);
            if (cell.isEmpty()) {
                return absent;
            }
            Boolean v = Values.flag(cell);
            if (v == null) {
                String header = column == blockCredential ? BLOCK_CREDENTIAL.name() : ACCOUNT_ENABLED.name();
                problems.report(r.line(), ErrorCode.INVALID_ROW, Values.quote(cell) + " in column '" + header
                        + "' is not true or false.", "Write True or False.");
            }
            return v;
        }

        private void addLicenses(CsvRecord r, int index, String upn) {
            // Resolved against what the tenant owns: purchases.csv is read before users.csv.
            LicenseNames.resolve(r.get(licenses), builder.catalog(), builder::subscribesTo, new LicenseNames.Listener() {
                @Override
                public void product(Product product) {
                    // A product named twice in one cell is one license.
                    builder.addLicense(index, new CurrentLicense(product.skuId(), Plans.none(), null));
                }

                @Override
                public void unknown(String productName) {
                    unheld.unknown(productName, r.line());
                }

                @Override
                public void ambiguous(String productName, List<Product> candidates) {
                    unheld.ambiguous(productName, r.line(), candidates);
                }
            });
        }
    }
}
