package dev.licensereconciler.graph;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.licensereconciler.domain.Catalog;
import dev.licensereconciler.domain.Operation;
import dev.licensereconciler.domain.Product;
import dev.licensereconciler.domain.ServicePlan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a run's actions into assignLicense requests, one per user, in batches of at most 20.
 *
 * <p>A user with several actions in the run (loses one product and gains another, say) gets one
 * request with both addLicenses and removeLicenses, as Microsoft advises for a license switch:
 * the user is never without a license between two requests, and plans of the old product that
 * conflict with the new one do not block the switch. Order: requests that only remove go first
 * (they free seats), then service updates (seat-neutral), then the combined ones (they free a
 * seat of one product while taking one of another), then those that only assign. Within each,
 * the run's own batches keep their order, so every batch still holds one product action's users.
 */
final class ApplyPlanner {

    private enum Phase { REMOVE, UPDATE, COMBINED, ASSIGN }

    private final Catalog catalog;

    ApplyPlanner(Catalog catalog) {
        this.catalog = catalog;
    }

    List<ApplyRequest> plan(List<ActionRow> actions, GroupPaths groupPaths) {
        List<ApplyRequest> byEntra = new ArrayList<>();
        Map<String, List<ActionRow>> byUser = new LinkedHashMap<>();
        for (ActionRow a : actions) {
            String group = groupPaths.carriedOutBy(a);
            if (group != null) {
                byEntra.add(new ApplyRequest(0, 0, a.user(), List.of(a.key()), null, ApplyStatus.BY_ENTRA, 0,
                        "GROUP_PATH", "Carried out by Entra's group-based licensing of group " + group
                        + " when the membership changes; no request sent."));
            } else {
                byUser.computeIfAbsent(a.user().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(a);
            }
        }
        record Pending(Phase phase, int anchor, String sortKey, List<ActionRow> actions) {
        }
        List<Pending> pending = new ArrayList<>();
        byUser.forEach((key, list) -> {
            int anchor = list.stream().mapToInt(ActionRow::batch).max().orElse(0);
            pending.add(new Pending(phase(list), anchor, key, list));
        });
        pending.sort(Comparator.comparing(Pending::phase).thenComparingInt(Pending::anchor)
                .thenComparing(Pending::sortKey));

        List<ApplyRequest> out = new ArrayList<>();
        int seq = 0;
        int batch = 0;
        int inBatch = 0;
        Phase lastPhase = null;
        int lastAnchor = -1;
        for (Pending p : pending) {
            if (p.phase() != lastPhase || p.anchor() != lastAnchor || inBatch == BatchContent.MAX_REQUESTS) {
                batch++;
                inBatch = 0;
                lastPhase = p.phase();
                lastAnchor = p.anchor();
            }
            inBatch++;
            out.add(request(++seq, batch, p.actions()));
        }
        for (ApplyRequest e : byEntra) {
            out.add(new ApplyRequest(++seq, 0, e.user(), e.actionKeys(), null, e.status(), 0, e.code(), e.message()));
        }
        return out;
    }

    private static Phase phase(List<ActionRow> actions) {
        if (actions.size() > 1) {
            return Phase.COMBINED;
        }
        return switch (actions.get(0).operation()) {
            case UNASSIGN -> Phase.REMOVE;
            case UPDATE_SERVICES -> Phase.UPDATE;
            case ASSIGN -> Phase.ASSIGN;
        };
    }

    private ApplyRequest request(int seq, int batch, List<ActionRow> actions) {
        String user = actions.get(0).user();
        List<String> keys = actions.stream().map(ActionRow::key).toList();
        JsonArray add = new JsonArray();
        JsonArray remove = new JsonArray();
        for (ActionRow a : actions) {
            Optional<Product> product = catalog.product(a.sku());
            if (product.isEmpty() || product.get().guid() == null || product.get().guid().isBlank()) {
                return new ApplyRequest(seq, batch, user, keys, null, ApplyStatus.FAILED, 0, "SKU_NOT_IN_CATALOG",
                        "The catalog has no SKU GUID for " + a.sku() + " (actions.csv line " + a.line() + "); Graph "
                                + "names products by GUID. Name Microsoft's current catalog file in the job (key "
                                + "'catalog'), run the job again and apply that run.");
            }
            String guid = product.get().guid().toLowerCase(Locale.ROOT);
            if (a.operation() == Operation.UNASSIGN) {
                remove.add(guid);
                continue;
            }
            JsonArray disabled = new JsonArray();
            for (String plan : a.disabledPlans()) {
                String id = planId(product.get(), plan);
                if (id == null) {
                    return new ApplyRequest(seq, batch, user, keys, null, ApplyStatus.FAILED, 0, "PLAN_NOT_IN_CATALOG",
                            "The catalog has no Service_Plan_Id for " + plan + " of " + a.sku() + " (actions.csv line "
                                    + a.line() + "). Name Microsoft's current catalog file in the job (key 'catalog'), "
                                    + "run the job again and apply that run.");
                }
                disabled.add(id);
            }
            JsonObject license = new JsonObject();
            license.add("disabledPlans", disabled);
            license.addProperty("skuId", guid);
            add.add(license);
        }
        JsonObject body = new JsonObject();
        body.add("addLicenses", add);
        body.add("removeLicenses", remove);
        return new ApplyRequest(seq, batch, user, keys, body.toString(), ApplyStatus.PLANNED, 0, null, null);
    }

    private String planId(Product product, String planName) {
        for (ServicePlan p : product.plans()) {
            if (p.name().equalsIgnoreCase(planName) && p.id() != null && !p.id().isBlank()) {
                return p.id().toLowerCase(Locale.ROOT);
            }
        }
        return catalog.plan(planName).map(ServicePlan::id).filter(id -> !id.isBlank())
                .map(id -> id.toLowerCase(Locale.ROOT)).orElse(null);
    }
}
