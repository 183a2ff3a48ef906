package dev.licensereconciler.graph;

import dev.licensereconciler.graph.emulator.AssignedLicense;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A run of every kind of change over {@code users} users: assignments, removals, service updates and
 * switches from Office 365 E1 to Microsoft 365 E3, numbered into product actions as R9 does, with the
 * licenses each user must end up with.
 */
final class ApplyScenario {

    final List<String> actionLines = new ArrayList<>();
    final Map<String, List<AssignedLicense>> expected = new LinkedHashMap<>();

    ApplyScenario(ApplyFixture f, int users) {
        String e3 = f.sku("SPE_E3", users * 2);
        String e1 = f.sku("STANDARDPACK", users * 2);
        Set<String> sway = Set.of(f.planId("SWAY"));
        Map<String, List<String>> byAction = new LinkedHashMap<>();
        for (int i = 0; i < users; i++) {
            String upn = String.format("user%03d@contoso.example", i);
            String id = f.user(upn);
            switch (i % 4) {
                case 0 -> {
                    byAction.computeIfAbsent("SPE_E3,ASSIGN,", k -> new ArrayList<>()).add(upn);
                    expected.put(upn, List.of(new AssignedLicense(e3, Set.of())));
                }
                case 1 -> {
                    f.emulator.tenant().assignDirect(id, e1, Set.of());
                    byAction.computeIfAbsent("STANDARDPACK,UNASSIGN,", k -> new ArrayList<>()).add(upn);
                    expected.put(upn, List.of());
                }
                case 2 -> {
                    f.emulator.tenant().assignDirect(id, e1, Set.of());
                    byAction.computeIfAbsent("STANDARDPACK,UNASSIGN,", k -> new ArrayList<>()).add(upn);
                    byAction.computeIfAbsent("SPE_E3,ASSIGN,", k -> new ArrayList<>()).add(upn);
                    expected.put(upn, List.of(new AssignedLicense(e3, Set.of())));
                }
                default -> {
                    f.emulator.tenant().assignDirect(id, e3, Set.of());
                    byAction.computeIfAbsent("SPE_E3,UPDATE_SERVICES,SWAY", k -> new ArrayList<>()).add(upn);
                    expected.put(upn, List.of(new AssignedLicense(e3, sway)));
                }
            }
        }
        int batch = 0;
        for (String action : List.of("STANDARDPACK,UNASSIGN,", "SPE_E3,UPDATE_SERVICES,SWAY", "SPE_E3,ASSIGN,")) {
            List<String> list = byAction.getOrDefault(action, List.of());
            for (int i = 0; i < list.size(); i++) {
                if (i % 20 == 0) {
                    batch++;
                }
                actionLines.add(batch + "," + action + "," + list.get(i));
            }
        }
    }
}
