package dev.licensereconciler.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/** The committed sample tenant is exactly what {@link ContosoSample} writes, and the job files are well-formed. */
class ContosoSampleTest {

    static final Path SAMPLE = Path.of("sample-data/contoso");

    @TempDir
    Path tmp;

    @Test
    void committedSampleIsReproducible() throws Exception {
        ContosoSample.write(tmp);
        for (String f : List.of("users.csv", "group-memberships.csv", "group-licenses.csv", "assignments.csv",
                "purchases.csv", "requests.csv", "group-memberships/LIC-M365-Basic.csv")) {
            assertThat(Files.readAllBytes(tmp.resolve(f))).as(f + " (regenerate with ContosoSample)")
                    .isEqualTo(Files.readAllBytes(SAMPLE.resolve(f)));
        }
    }

    @Test
    void sampleShowsTheShowcaseCases() throws Exception {
        List<String[]> users = TenantGeneratorTest.read(SAMPLE.resolve("users.csv"));
        assertThat(users.size() - 1).isBetween(250, 350);
        List<String> header = Arrays.asList(users.get(0));
        int upn = header.indexOf("User principal name");
        Set<String> upns = new HashSet<>();
        users.subList(1, users.size()).forEach(u -> upns.add(u[upn].toLowerCase()));
        assertThat(upns).contains(ContosoSample.OLIVIA.toLowerCase(), ContosoSample.ROEL.toLowerCase(),
                ContosoSample.NOA, ContosoSample.HENDRIK);

        List<String[]> requests = TenantGeneratorTest.read(SAMPLE.resolve("requests.csv"));
        assertThat(requests.get(0)).containsExactly("user", "action", "sku", "disabledPlans");
        Set<String> actions = new HashSet<>();
        long flow = 0;
        for (String[] r : requests.subList(1, requests.size())) {
            actions.add(r[1]);
            flow += r[1].equals("ASSIGN") && r[2].equals("FLOW_FREE") ? 1 : 0;
        }
        assertThat(actions).contains("ASSIGN", "UNASSIGN", "REPLACE", "SET_SERVICES");
        assertThat(flow).isGreaterThan(20);

        String purchases = Files.readString(SAMPLE.resolve("purchases.csv"));
        assertThat(purchases).contains(",Suspended,", ",SelfService,", ",twenty,");
        assertThat(Files.readString(SAMPLE.resolve("group-memberships.csv"))).contains(",Group\n");
    }

    @Test
    void jobFilesHaveTheDocumentedKeys() throws Exception {
        Map<String, Object> nightly = yaml("jobs/nightly-reconciliation.yml");
        assertThat(nightly).containsEntry("name", "nightly-reconciliation").containsEntry("type", "reconcile")
                .containsEntry("input", "sample-data/contoso").containsEntry("catalog", "builtin")
                .containsEntry("servicePlanRules", "builtin").containsEntry("output", "out")
                .containsEntry("batchSize", 20);
        assertThat((Map<String, Object>) nightly.get("schedule")).containsEntry("cron", "0 0 2 * * ?")
                .containsEntry("timeZone", "Europe/Amsterdam");
        assertThat((Map<String, Object>) nightly.get("policies")).containsEntry("defaultUsageLocation", "NL")
                .containsEntry("guests", "deny").containsEntry("maxUnassign", 500);
        assertThat((Map<String, Object>) nightly.get("mail")).containsEntry("enabled", true)
                .containsKey("from").containsKey("fallbackRecipients");

        Map<String, Object> bulk = yaml("jobs/bulk-import.yml");
        assertThat(bulk).containsEntry("type", "bulk-import").containsEntry("requests", "requests.csv")
                .doesNotContainKey("schedule");
        assertThat(Files.exists(Path.of((String) bulk.get("input")).resolve("requests.csv"))).isTrue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yaml(String file) throws Exception {
        try (Reader r = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
            return (Map<String, Object>) new Yaml().load(r);
        }
    }
}
