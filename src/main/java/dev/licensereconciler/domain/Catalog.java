package dev.licensereconciler.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Microsoft's "Product names and service plan identifiers for licensing" table: products by
 * String_Id, GUID and display name (display names are not unique in the real file), and plan
 * names by name or GUID. Lookups ignore case; names come back as the catalog spells them.
 */
public final class Catalog {

    private final Map<String, Product> bySku;
    private final Map<String, Product> byGuid;
    private final Map<String, List<Product>> byDisplayName;
    private final Map<String, ServicePlan> plans;

    private Catalog(Map<String, Product> bySku) {
        this.bySku = bySku;
        this.byGuid = new LinkedHashMap<>();
        this.byDisplayName = new LinkedHashMap<>();
        this.plans = new LinkedHashMap<>();
        for (Product p : bySku.values()) {
            if (p.guid() != null && !p.guid().isBlank()) {
                byGuid.put(Keys.normalize(p.guid()), p);
            }
            byDisplayName.computeIfAbsent(Keys.normalize(p.displayName()), k -> new ArrayList<>()).add(p);
            for (ServicePlan plan : p.plans()) {
                plans.putIfAbsent(Keys.normalize(plan.name()), plan);
                if (plan.id() != null && !plan.id().isBlank()) {
                    plans.putIfAbsent(Keys.normalize(plan.id()), plan);
                }
            }
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * This catalog plus other names for its products, e.g. the admin center's current
     * "Microsoft Entra ID P1" for the catalog's "Azure Active Directory Premium P1". A name the
     * catalog already gives a product keeps its meaning; an alias of a product the catalog lacks
     * is ignored.
     */
    public Catalog withAliases(Map<String, String> aliasToSku) {
        Catalog c = new Catalog(bySku);
        aliasToSku.forEach((alias, sku) -> {
            Product p = bySku.get(Keys.normalize(sku));
            if (p != null && !byDisplayName.containsKey(Keys.normalize(alias))) {
                c.byDisplayName.computeIfAbsent(Keys.normalize(alias), k -> new ArrayList<>()).add(p);
            }
        });
        return c;
    }

    /** A product by String_Id or SKU GUID. */
    public Optional<Product> product(String skuOrGuid) {
        String k = Keys.normalize(skuOrGuid);
        Product p = bySku.get(k);
        return Optional.ofNullable(p != null ? p : byGuid.get(k));
    }

    /** Products whose friendly name is this one; more than one means the name is ambiguous. */
    public List<Product> productsNamed(String displayName) {
        return byDisplayName.getOrDefault(Keys.normalize(displayName), Collections.emptyList());
    }

    /** A service plan by name or GUID. */
    public Optional<ServicePlan> plan(String nameOrGuid) {
        return Optional.ofNullable(plans.get(Keys.normalize(nameOrGuid)));
    }

    public Collection<Product> products() {
        return Collections.unmodifiableCollection(bySku.values());
    }

    public int size() {
        return bySku.size();
    }

    /** Collects catalog rows (one per product and plan) into products. */
    public static final class Builder {
        private final Map<String, String[]> heads = new LinkedHashMap<>();
        private final Map<String, List<ServicePlan>> planLists = new LinkedHashMap<>();

        /** Adds one catalog row; a repeated (product, plan) row is ignored. */
        public Builder row(String displayName, String skuId, String guid, String planName, String planId,
                           String planFriendlyName) {
            String sku = skuId.trim();
            String k = Keys.normalize(sku);
            heads.putIfAbsent(k, new String[] {displayName.trim(), sku, guid == null ? "" : guid.trim()});
            List<ServicePlan> list = planLists.computeIfAbsent(k, x -> new ArrayList<>());
            if (planName != null && !planName.isBlank()) {
                String name = planName.trim();
                boolean seen = false;
                for (ServicePlan p : list) {
                    if (p.name().equals(name)) {
                        seen = true;
                        break;
                    }
                }
                if (!seen) {
                    list.add(new ServicePlan(name, planId == null ? "" : planId.trim(),
                            planFriendlyName == null ? "" : planFriendlyName.trim()));
                }
            }
            return this;
        }

        public Builder product(Product product) {
            String k = Keys.normalize(product.skuId());
            heads.put(k, new String[] {product.displayName(), product.skuId(), product.guid()});
            planLists.put(k, new ArrayList<>(product.plans()));
            return this;
        }

        public Catalog build() {
            Map<String, Product> bySku = new LinkedHashMap<>();
            heads.forEach((k, h) -> bySku.put(k, new Product(h[1], h[2], h[0], planLists.get(k))));
            return new Catalog(bySku);
        }
    }
}
