package dev.licensereconciler.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IntListTest {

    @Test
    void growsAndKeepsOrder() {
        IntList list = new IntList();
        for (int i = 0; i < 1000; i++) {
            list.add(999 - i);
        }
        assertThat(list.size()).isEqualTo(1000);
        int[] a = list.toArray();
        assertThat(a).hasSize(1000).startsWith(999, 998).endsWith(1, 0);
    }

    @Test
    void toArrayIsACopyTheCallerMayChange() {
        IntList list = new IntList();
        list.add(1);
        list.add(2);
        list.add(3);
        list.add(4);
        list.toArray()[0] = 42;
        assertThat(list.toArray()).containsExactly(1, 2, 3, 4);
        assertThat(new IntList().toArray()).isEmpty();
    }

    @Test
    void addIfAbsentLastSkipsARepeatOfTheLastElementOnly() {
        IntList list = new IntList();
        assertThat(list.addIfAbsentLast(7)).isTrue();
        assertThat(list.addIfAbsentLast(7)).isFalse();
        assertThat(list.addIfAbsentLast(8)).isTrue();
        assertThat(list.addIfAbsentLast(7)).isTrue();
        assertThat(list.trimmed()).containsExactly(7, 8, 7);
    }

    @Test
    void trimmedHasExactlyTheElements() {
        IntList list = new IntList();
        for (int i = 0; i < 5; i++) {
            list.add(i);
            assertThat(list.trimmed()).hasSize(i + 1).endsWith(i);
        }
    }
}
