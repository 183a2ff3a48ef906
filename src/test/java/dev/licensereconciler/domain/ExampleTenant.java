package dev.licensereconciler.domain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SortedSet;
import java.util.stream.Collectors;

/**
 * Test-only reader of the worked example: plain comma-separated files without quotes. It skips
 * the rows that the expected errors.csv marks as input errors (unknown SKU, nested group,
 * unknown user), as ingest would.
 */
final class ExampleTenant {

    private ExampleTenant() {
    }

    static Path dir(String name) {
        try {
            return Paths.get(ExampleTenant.class.getResource("/examples/" + name).toURI());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String[]> rows(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return lines.stream().skip(1).filter(l -> !l.isBlank()).map(l -> l.split(",", -1))
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank())
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Catalog catalog(Path file) {
        Catalog.Builder b = Catalog.builder();
        for (String[] r : rows(file)) {
            b.row(r[0], r[1], r[2], r[3], r[4], r[5]);
        }
        return b.build();
    }

    static ServicePlanRules planRules(Path file) {
        List<ServicePlanRule> rules = new ArrayList<>();
        for (String[] r : rows(file)) {
            rules.add(new ServicePlanRule(r[0], ServicePlanRule.Relation.valueOf(r[1]), Arrays.asList(r[2].split("\\|"))));
        }
        return new ServicePlanRules(rules);
    }

    static TenantSnapshot load(String name) {
        Path dir = dir(name);
        Path in = dir.resolve("input");
        Catalog catalog = catalog(dir.resolve("catalog.csv"));
        TenantSnapshot.Builder b = TenantSnapshot.builder(catalog, planRules(in.resolve("service-plan-rules.csv")));
        for (String[] r : rows(in.resolve("users.csv"))) {
            boolean guest = r[2].equalsIgnoreCase("Guest") || r[0].toUpperCase(Locale.ROOT).contains("#EXT#");
            b.addUser(new TenantUser(r[0], r[1], "", guest, r[3].equalsIgnoreCase("false"), r[4]));
        }
        for (String[] r : rows(in.resolve("group-memberships.csv"))) {
            int user = b.userIndex(r[1]);
            if (!r[2].equalsIgnoreCase("Group") && user >= 0) {
                b.addMembership(r[0], user);
            }
        }
        for (String[] r : rows(in.resolve("group-licenses.csv"))) {
            if (catalog.product(r[1]).isPresent()) {
                b.addRule(new LicenseRule(r[0], r[1], plans(r[2]),
                        r[3].isBlank() ? LicenseRule.DEFAULT_PRIORITY : Integer.parseInt(r[3])));
            }
        }
        for (String[] r : rows(in.resolve("purchases.csv"))) {
            b.addSubscription(new Subscription(r[0], Integer.parseInt(r[1]), status(r[2]),
                    r[3].equalsIgnoreCase("SelfService") ? PurchaseChannel.SELF_SERVICE : PurchaseChannel.ADMIN,
                    r[4].isBlank() ? List.of() : Arrays.asList(r[4].split(";")),
                    r[5].isBlank() ? null : new BigDecimal(r[5]), r[6], ""));
        }
        for (String[] r : rows(in.resolve("assignments.csv"))) {
            b.addLicense(b.userIndex(r[0]), new CurrentLicense(r[1], plans(r[2]), r[3]));
        }
        return b.build();
    }

    static SortedSet<String> plans(String cell) {
        return cell.isBlank() ? Plans.none() : Plans.copy(Arrays.asList(cell.split("[;+]")));
    }

    private static SubscriptionStatus status(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "warning" -> SubscriptionStatus.WARNING;
            case "suspended" -> SubscriptionStatus.SUSPENDED;
            case "deleted" -> SubscriptionStatus.DELETED;
            case "lockedout" -> SubscriptionStatus.LOCKED_OUT;
            default -> SubscriptionStatus.ENABLED;
        };
    }
}
