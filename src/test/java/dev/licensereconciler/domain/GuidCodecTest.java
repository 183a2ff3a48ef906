package dev.licensereconciler.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Object ids that are GUIDs come back exactly as the export spelled them. */
class GuidCodecTest {

    @Test
    void canonicalLowerAndUpperCaseGuidsRoundTrip() {
        Random random = new Random(1);
        for (int i = 0; i < 1000; i++) {
            String lower = new UUID(random.nextLong(), random.nextLong()).toString();
            assertThat(GuidCodec.kind(lower)).isEqualTo(GuidCodec.LOWER_CASE);
            assertThat(GuidCodec.text(GuidCodec.high(lower), GuidCodec.low(lower), false)).isEqualTo(lower);
            String upper = lower.toUpperCase();
            if (!upper.equals(lower)) {
                assertThat(GuidCodec.kind(upper)).isEqualTo(GuidCodec.UPPER_CASE);
            }
            assertThat(GuidCodec.text(GuidCodec.high(upper), GuidCodec.low(upper), true)).isEqualTo(upper);
            assertThat(GuidCodec.high(upper)).isEqualTo(GuidCodec.high(lower));
            assertThat(GuidCodec.low(upper)).isEqualTo(GuidCodec.low(lower));
        }
    }

    @Test
    void guidsOfDigitsOnlyCountAsLowerCase() {
        String digits = "12345678-1234-1234-1234-123456789012";
        assertThat(GuidCodec.kind(digits)).isEqualTo(GuidCodec.LOWER_CASE);
        assertThat(GuidCodec.text(GuidCodec.high(digits), GuidCodec.low(digits), false)).isEqualTo(digits);
    }

    @Test
    void otherSpellingsAreNotEncoded() {
        assertThat(GuidCodec.kind("7c9E6679-7425-40de-944b-e07fc1f90ae8")).isEqualTo(GuidCodec.NOT_A_GUID);
        assertThat(GuidCodec.kind("{7c9e6679-7425-40de-944b-e07fc1f90ae9}")).isEqualTo(GuidCodec.NOT_A_GUID);
        assertThat(GuidCodec.kind(" 7c9e6679-7425-40de-944b-e07fc1f90ae9")).isEqualTo(GuidCodec.NOT_A_GUID);
        assertThat(GuidCodec.kind("7c9e6679x7425-40de-944b-e07fc1f90ae9")).isEqualTo(GuidCodec.NOT_A_GUID);
        assertThat(GuidCodec.kind("7c9e6679-7425-40de-944b-e07fc1f90ag9")).isEqualTo(GuidCodec.NOT_A_GUID);
        assertThat(GuidCodec.kind("")).isEqualTo(GuidCodec.NOT_A_GUID);
        assertThat(GuidCodec.kind("not-a-guid")).isEqualTo(GuidCodec.NOT_A_GUID);
    }

    @Test
    void aLookupKeyDenotesTheGuidInAnyCasingWithBlanksAround() {
        String guid = "0f8fad5b-d9cb-469f-a165-70867728950e";
        long high = GuidCodec.high(guid);
        long low = GuidCodec.low(guid);
        assertThat(GuidCodec.denotes(guid, high, low)).isTrue();
        assertThat(GuidCodec.denotes(" 0F8FAD5B-D9cb-469F-A165-70867728950E\t", high, low)).isTrue();
        assertThat(GuidCodec.denotes("0f8fad5b-d9cb-469f-a165-70867728950f", high, low)).isFalse();
        assertThat(GuidCodec.denotes("0f8fad5bxd9cb-469f-a165-70867728950e", high, low)).isFalse();
        assertThat(GuidCodec.denotes("0f8fad5b-d9cb-469f-a165-7086772895", high, low)).isFalse();
        assertThat(GuidCodec.denotes("0f8fad5b-d9cb-469f-a165-70867728950é", high, low)).isFalse();
        assertThat(GuidCodec.denotes("", high, low)).isFalse();
    }
}
