package dev.licensereconciler.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The one key of names: the in-place comparison and hash agree with the plain normalised string. */
class KeysTest {

    private static final List<String> SAMPLES = List.of("", " ", "ann@contoso.example", "Ann@Contoso.Example",
            "  ANN@contoso.example\t", "ann@contoso.exampl", "ÄNNE@contoso.example", "änne@contoso.example",
            "İpek@contoso.example", "i\u0307pek@contoso.example", "ipek@contoso.example", "ENTERPRISEPACK",
            " enterprisepack ", "Exchange_S_Standard", "\u212Aelvin", "kelvin", "a\u0000", "a");

    @Test
    void normaliseTrimsAndLowerCasesInTheRootLocale() {
        assertThat(Keys.normalize("  Ann@Contoso.EXAMPLE \t")).isEqualTo("ann@contoso.example");
        assertThat(Keys.normalize(null)).isEmpty();
        assertThat(Keys.normalize("İpek")).isEqualTo("i\u0307pek");
    }

    @Test
    void sameAndHashAgreeWithTheNormalisedStringForEveryPair() {
        for (String a : SAMPLES) {
            assertThat(Keys.hash(a)).as(a).isEqualTo(Keys.normalize(a).hashCode());
            for (String b : SAMPLES) {
                assertThat(Keys.same(a, b)).as(a + " vs " + b).isEqualTo(Keys.normalize(a).equals(Keys.normalize(b)));
            }
        }
    }

    @Test
    void trimBoundsAreThoseOfStringTrim() {
        for (String s : SAMPLES) {
            assertThat(s.substring(Keys.trimStart(s), Keys.trimEnd(s))).isEqualTo(s.trim());
        }
        assertThat(Keys.ascii("abc", 0, 3)).isTrue();
        assertThat(Keys.ascii("abç", 0, 3)).isFalse();
        assertThat(Keys.ascii("abç", 0, 2)).isTrue();
    }
}
