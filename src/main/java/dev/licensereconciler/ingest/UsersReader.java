package dev.licensereconciler.ingest;

import dev.licensereconciler.domain.CurrentLicense;
import dev.licensereconciler.domain.ErrorCode;
import dev.licensereconciler.domain.Plans;
import dev.licensereconciler.domain.Problem;
import dev.licensereconciler.domain.Product;
import dev.licensereconciler.domain.TenantSnapshot;
import dev.licensereconciler.domain.TenantUser;

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
        private final int department;
        private final SharedStrings shared = new SharedStrings();

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
            this.department = file.column(DEPARTMENT);
        }

        void readAll() {
            for (CsvRecord r : file) {
                readRow(r);
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
            LicenseNames.resolve(r.get(licenses), builder.catalog(), new LicenseNames.Listener() {
                @Override
                public void product(Product product) {
                    // A product named twice in one cell is one license.
                    builder.addLicense(index, new CurrentLicense(product.skuId(), Plans.none(), null));
                }

                @Override
                public void unknown(String productName) {
                    problems.report(r.line(), upn, null, ErrorCode.UNKNOWN_SKU, "license " + Values.quote(productName)
                            + " of this user is not a product in the catalog.",
                            "Correct the product name, or use a catalog that lists it (job key 'catalog').");
                }

                @Override
                public void ambiguous(String productName, List<Product> candidates) {
                    problems.report(r.line(), upn, null, ErrorCode.AMBIGUOUS_PRODUCT_NAME, "license "
                            + Values.quote(productName) + " of this user could be any of "
                            + String.join(", ", candidates.stream().map(Product::skuId).toList()) + ".",
                            "Provide assignments.csv, which names products by String_Id.");
                }
            });
        }
    }
}
