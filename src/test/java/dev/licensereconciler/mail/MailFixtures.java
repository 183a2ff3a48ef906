package dev.licensereconciler.mail;

import dev.licensereconciler.domain.Shortfall;

import java.math.BigDecimal;
import java.util.List;

final class MailFixtures {

    private MailFixtures() {
    }

    static Shortfall shortfall(String sku, String product, int missing, String price, String... purchasers) {
        BigDecimal unit = price == null ? null : new BigDecimal(price);
        return new Shortfall(sku, product, 5, 5, 5, missing, missing, 0, List.of(purchasers), unit,
                unit == null ? null : "EUR", unit == null ? null : unit.multiply(BigDecimal.valueOf(missing)));
    }

    /** The worked example's shortfall.csv rows. */
    static List<Shortfall> example() {
        return List.of(
                new Shortfall("DESKLESSPACK", "Office 365 F3", 10, 0, 1, 1, 0, 0, List.of(),
                        new BigDecimal("8.00"), "EUR", new BigDecimal("0.00")),
                new Shortfall("EMS", "Enterprise Mobility + Security E3", 1, 0, 1, 3, 2, 0,
                        List.of("security@contoso.example"), new BigDecimal("10.60"), "EUR", new BigDecimal("21.20")),
                new Shortfall("ENTERPRISEPACK", "Office 365 E3", 4, 3, 4, 2, 0, 0, List.of("buyer@contoso.example"),
                        new BigDecimal("36.00"), "EUR", new BigDecimal("0.00")),
                new Shortfall("STANDARDPACK", "Office 365 E1", 2, 3, 3, 0, 1, 1, List.of("buyer@contoso.example"),
                        new BigDecimal("10.00"), "EUR", new BigDecimal("10.00")));
    }
}
