package dev.licensereconciler.ingest;

import dev.licensereconciler.domain.ErrorCode;
import dev.licensereconciler.domain.LicenseRequest;
import dev.licensereconciler.domain.Problem;
import dev.licensereconciler.domain.Product;
import dev.licensereconciler.domain.RequestAction;
import dev.licensereconciler.domain.TenantSnapshot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads requests.csv for a bulk import. A row naming an unknown user, action, product or plan is
 * reported and skipped whole (§7): carrying out half a row would surprise the admin who wrote it.
 */
public final class RequestsReader {

    static final Column USER = AssignmentsReader.USER;
    static final Column ACTION = Column.of("action", "operation");

    private static final String REMEDY = "The requests file needs columns 'user', 'action' and 'sku' "
            + "(optional 'disabledPlans').";

    private RequestsReader() {
    }

    public static List<LicenseRequest> read(CsvFile file, TenantSnapshot snapshot, List<Problem> problems) {
        RowProblems rows = new RowProblems(file.name(), problems);
        int user = file.require(USER, REMEDY);
        int action = file.require(ACTION, REMEDY);
        int sku = file.require(Skus.SKU, REMEDY);
        int disabledPlans = file.column(GroupLicensesReader.DISABLED_PLANS);
        List<LicenseRequest> requests = new ArrayList<>();
        for (CsvRecord r : file) {
            String who = r.get(user);
            if (who.isEmpty()) {
                rows.missingValue(r.line(), USER);
                continue;
            }
            int index = snapshot.userIndex(who);
            if (index < 0) {
                rows.report(r.line(), ErrorCode.UNKNOWN_USER, "user " + Values.quote(who) + " is not in users.csv.",
                        "Correct the user principal name.");
                continue;
            }
            String upn = snapshot.upn(index);
            RequestAction what = action(r.get(action));
            if (what == null) {
                rows.report(r.line(), upn, null, ErrorCode.INVALID_ROW, "action " + Values.quote(r.get(action))
                        + " is not known.", "Use ASSIGN, UNASSIGN, REPLACE or SET_SERVICES.");
                continue;
            }
            List<Product> products = products(snapshot, r, sku, upn, rows);
            if (products == null) {
                continue;
            }
            ServicePlanNames.Resolution plans = ServicePlanNames.resolve(r.get(disabledPlans), products);
            if (!plans.ok()) {
                String skus = String.join(" or ", products.stream().map(Product::skuId).toList());
                rows.report(r.line(), upn, products.size() == 1 ? products.get(0).skuId() : null,
                        ErrorCode.UNKNOWN_SERVICE_PLAN, ServicePlanNames.unknownMessage(plans.unknown(), skus),
                        ServicePlanNames.UNKNOWN_FIX);
                continue;
            }
            requests.add(new LicenseRequest(r.line(), upn, what, products.stream().map(Product::skuId).toList(),
                    plans.plans()));
        }
        return requests;
    }

    /** The row's products in order, a product named twice once; null after reporting a bad one. */
    private static List<Product> products(TenantSnapshot snapshot, CsvRecord r, int sku, String upn, RowProblems rows) {
        List<String> names = Values.split(r.get(sku), "+;");
        if (names.isEmpty()) {
            rows.missingValue(r.line(), upn, Skus.SKU);
            return null;
        }
        Map<String, Product> products = new LinkedHashMap<>();
        for (String name : names) {
            Optional<Product> p = Skus.resolve(snapshot.catalog(), snapshot::subscribesTo, name, r, upn, rows);
            if (p.isEmpty()) {
                return null;
            }
            products.putIfAbsent(p.get().skuId(), p.get());
        }
        return new ArrayList<>(products.values());
    }

    /**
     * The four actions of the contract, in any casing or spacing ("Set-Services"); null otherwise.
     * No synonyms such as ADD: a request file is an admin's instruction, and a word we would have
     * to guess at is reported rather than carried out.
     */
    static RequestAction action(String cell) {
        return switch (Values.token(cell)) {
            case "ASSIGN" -> RequestAction.ASSIGN;
            case "UNASSIGN" -> RequestAction.UNASSIGN;
            case "REPLACE" -> RequestAction.REPLACE;
            case "SETSERVICES" -> RequestAction.SET_SERVICES;
            default -> null;
        };
    }
}
