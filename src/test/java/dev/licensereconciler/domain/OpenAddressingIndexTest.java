package dev.licensereconciler.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The index finds entries by the owner's notion of equal keys, through collisions and growth. */
class OpenAddressingIndexTest {

    private final List<String> keys = new ArrayList<>();
    private final OpenAddressingIndex index = new OpenAddressingIndex((entry, key) -> keys.get(entry).equals(key));

    private void add(String key, int hash) {
        keys.add(key);
        index.insert(keys.size() - 1, hash);
    }

    @Test
    void findsEveryEntryAfterManyRehashes() {
        for (int i = 0; i < 100_000; i++) {
            add("k" + i, ("k" + i).hashCode());
        }
        assertThat(index.size()).isEqualTo(100_000);
        for (int i = 0; i < 100_000; i += 3) {
            assertThat(index.find("k" + i, ("k" + i).hashCode())).isEqualTo(i);
        }
        assertThat(index.find("absent", "absent".hashCode())).isEqualTo(-1);
    }

    @Test
    void entriesOfEqualHashAreToldApartByTheMatcher() {
        for (int i = 0; i < 500; i++) {
            add("same-hash-" + i, 42);
        }
        assertThat(index.find("same-hash-0", 42)).isZero();
        assertThat(index.find("same-hash-499", 42)).isEqualTo(499);
        assertThat(index.find("same-hash-500", 42)).isEqualTo(-1);
        assertThat(index.find("same-hash-7", 43)).isEqualTo(-1);
    }

    @Test
    void entryZeroIsAnEntryAndNegativeOnesAreRefused() {
        add("first", 0);
        assertThat(index.find("first", 0)).isZero();
        assertThatThrownBy(() -> index.insert(-1, 5)).isInstanceOf(IllegalArgumentException.class);
    }
}
