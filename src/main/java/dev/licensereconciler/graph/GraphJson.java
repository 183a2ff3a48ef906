package dev.licensereconciler.graph;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/** Reading Graph's user resource: the license paths of licenseAssignmentStates (or assignedLicenses). */
final class GraphJson {

    private GraphJson() {
    }

    static String string(JsonObject o, String name) {
        JsonElement e = o.get(name);
        return e == null || e.isJsonNull() ? null : e.getAsString();
    }

    static List<UserLicenses.Path> paths(JsonObject user) {
        List<UserLicenses.Path> out = new ArrayList<>();
        JsonElement states = user.get("licenseAssignmentStates");
        if (states != null && states.isJsonArray()) {
            for (JsonElement e : states.getAsJsonArray()) {
                JsonObject s = e.getAsJsonObject();
                out.add(new UserLicenses.Path(string(s, "skuId"),
                        new HashSet<>(GraphClient.strings(array(s, "disabledPlans"))), string(s, "assignedByGroup"),
                        string(s, "state"), string(s, "error")));
            }
            return out;
        }
        // Without the states, assignedLicenses cannot tell paths apart; every license then counts as direct.
        JsonElement assigned = user.get("assignedLicenses");
        if (assigned != null && assigned.isJsonArray()) {
            for (JsonElement e : assigned.getAsJsonArray()) {
                JsonObject s = e.getAsJsonObject();
                out.add(new UserLicenses.Path(string(s, "skuId"),
                        new HashSet<>(GraphClient.strings(array(s, "disabledPlans"))), null, "Active", "None"));
            }
        }
        return out;
    }

    static JsonArray array(JsonObject o, String name) {
        JsonElement e = o.get(name);
        return e == null || !e.isJsonArray() ? null : e.getAsJsonArray();
    }
}
