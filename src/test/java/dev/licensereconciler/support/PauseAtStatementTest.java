package dev.licensereconciler.support;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The crash matrix on MySQL kills a child in the chunk it means only if a rewritten batch's rows are counted right. */
class PauseAtStatementTest {

    @Test
    void countsTheRowsOfARewrittenBatchWhateverTheirTextHolds() {
        assertThat(PauseAtStatement.valueRows("INSERT INTO LR_RESULT (A, B) VALUES ('x', 1)")).isEqualTo(1);
        assertThat(PauseAtStatement.valueRows("INSERT INTO LR_RESULT (A, B) VALUES ('a),(b', 1),('it''s', 2),"
                + "('back\\\\slash\\'), (', NULL),(CONCAT('(', ')'), 4)")).isEqualTo(4);
    }
}
