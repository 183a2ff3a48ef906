package dev.licensereconciler.generator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/** Values with whole-number weights; a draw takes each with its weight's share of the total. */
record WeightedTable<T>(List<T> values, List<Integer> weights, int total) {

    WeightedTable {
        values = Collections.unmodifiableList(new ArrayList<>(values)); // may hold null: "none"
        weights = List.copyOf(weights);
    }

    static <T> Builder<T> builder() {
        return new Builder<>();
    }

    /** One draw of {@code nextInt(total)}. */
    T pick(SplittableRandom r) {
        int x = r.nextInt(total);
        for (int k = 0; k < values.size(); k++) {
            x -= weights.get(k);
            if (x < 0) {
                return values.get(k);
            }
        }
        return values.get(values.size() - 1);
    }

    /**
     * The value whose share of [0, 1) holds {@code u} (a {@code nextDouble()} drawn by the caller):
     * the first value whose cumulative weight, divided by the total, exceeds it.
     */
    T at(double u) {
        int cumulative = 0;
        for (int k = 0; k < values.size(); k++) {
            cumulative += weights.get(k);
            if (u < cumulative / (double) total) {
                return values.get(k);
            }
        }
        return values.get(values.size() - 1);
    }

    /** Collects values and weights in order. */
    static final class Builder<T> {
        private final List<T> values = new ArrayList<>();
        private final List<Integer> weights = new ArrayList<>();

        Builder<T> add(T value, int weight) {
            values.add(value);
            weights.add(weight);
            return this;
        }

        WeightedTable<T> build() {
            return new WeightedTable<>(values, weights, weights.stream().mapToInt(Integer::intValue).sum());
        }
    }
}
