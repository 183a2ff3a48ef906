package dev.licensereconciler.generator;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class WeightedTableTest {

    private final WeightedTable<String> table = WeightedTable.<String>builder()
            .add("guest", 2).add("blocked", 3).add("none", 0).add("member", 95).build();

    @Test
    void aShareIsTheValueWhoseCumulativeWeightExceedsIt() {
        assertThat(table.total()).isEqualTo(100);
        assertThat(table.at(0.0)).isEqualTo("guest");
        assertThat(table.at(0.0199)).isEqualTo("guest");
        assertThat(table.at(0.02)).isEqualTo("blocked");
        assertThat(table.at(0.0499)).isEqualTo("blocked");
        assertThat(table.at(0.05)).isEqualTo("member");
        assertThat(table.at(0.999)).isEqualTo("member");
    }

    @Test
    void drawsFollowTheWeightsAndNeverGiveAWeightOfZero() {
        SplittableRandom r = new SplittableRandom(1);
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 100_000; i++) {
            counts.merge(table.pick(r), 1, Integer::sum);
        }
        assertThat(counts).doesNotContainKey("none");
        assertThat(counts.get("guest")).isBetween(1_800, 2_200);
        assertThat(counts.get("blocked")).isBetween(2_700, 3_300);
        assertThat(counts.get("member")).isBetween(94_500, 95_500);
    }

    @Test
    void aDrawIsOneNextIntOfTheTotal() {
        SplittableRandom a = new SplittableRandom(42);
        SplittableRandom b = new SplittableRandom(42);
        for (int i = 0; i < 1_000; i++) {
            int x = b.nextInt(100);
            assertThat(table.pick(a)).isEqualTo(x < 2 ? "guest" : x < 5 ? "blocked" : "member");
        }
    }
}
