package dev.licensereconciler.domain;

import java.util.List;

/**
 * A licensable product (SKU) as Microsoft's catalog names it: {@code skuId} is the trimmed
 * String_Id (skuPartNumber), e.g. ENTERPRISEPACK; {@code displayName} the friendly name the
 * admin center shows, e.g. "Office 365 E3". Plans keep catalog order.
 */
public record Product(String skuId, String guid, String displayName, List<ServicePlan> plans) {

    public Product {
        plans = List.copyOf(plans);
    }
}
