package dev.licensereconciler.domain;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The nightly job's own record of the licenses it manages (R3): the ones it assigned from a rule
 * or adopted. Real exports cannot say it: what the job assigned, carried out through Graph or the
 * admin center, comes back as a direct assignment, indistinguishable from one an admin made. The
 * record, kept per job in the database, is what lets "from then on managed" hold on the next run.
 *
 * <p>Per product a bit set over the snapshot's users, so a million managed licenses cost about as
 * many bits per product as the tenant has users. Entries whose user or product the snapshot does
 * not have (the user left the tenant) are kept aside: the run ends them.
 */
public final class ManagedLicenses {

    private static final ManagedLicenses NONE = new ManagedLicenses(Map.of(), List.of());

    private final Map<String, BitSet> usersByProduct;
    private final List<ManagedChange> unmatched;

    private ManagedLicenses(Map<String, BitSet> usersByProduct, List<ManagedChange> unmatched) {
        this.usersByProduct = usersByProduct;
        this.unmatched = unmatched;
    }

    /** No record: a bulk import, or a job's first run. */
    public static ManagedLicenses none() {
        return NONE;
    }

    public static Builder builder(TenantSnapshot snapshot) {
        return new Builder(snapshot);
    }

    /** Whether the record has the user's license of this product (canonical SKU). */
    boolean manages(int user, String sku) {
        BitSet users = usersByProduct.get(sku);
        return users != null && users.get(user);
    }

    /** The products in the record, by canonical SKU, with their users. */
    Map<String, BitSet> byProduct() {
        return usersByProduct;
    }

    /** Ends of entries the snapshot has no user or product for. */
    List<ManagedChange> unmatched() {
        return unmatched;
    }

    /** Collects the record's entries as the database returns them. */
    public static final class Builder {
        private final TenantSnapshot snapshot;
        private final Map<String, BitSet> usersByProduct = new LinkedHashMap<>();
        private final List<ManagedChange> unmatched = new ArrayList<>();

        private Builder(TenantSnapshot snapshot) {
            this.snapshot = snapshot;
        }

        /** One entry: the user by object id or UPN (as recorded), the product by SKU. */
        public Builder add(String userKey, String sku) {
            int user = snapshot.userIndex(userKey);
            Product product = snapshot.catalog().product(sku).orElse(null);
            if (user < 0 || product == null) {
                unmatched.add(ManagedChange.end(userKey, userKey, sku));
            } else {
                usersByProduct.computeIfAbsent(product.skuId(), k -> new BitSet()).set(user);
            }
            return this;
        }

        public ManagedLicenses build() {
            return new ManagedLicenses(usersByProduct, List.copyOf(unmatched));
        }
    }
}
