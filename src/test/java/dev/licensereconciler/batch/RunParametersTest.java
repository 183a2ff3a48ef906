package dev.licensereconciler.batch;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

class RunParametersTest {

    @Test
    void aScheduledRunIsNamedByItsFireTimeInTheJobsTimeZone() {
        assertThat(RunParameters.scheduledRunId(Instant.parse("2026-11-24T01:00:00Z"), ZoneId.of("Europe/Amsterdam")))
                .isEqualTo("20261124-020000");
    }

    @Test
    void aRunStartedByHandIsNamedToTheMillisecond() {
        assertThat(RunParameters.newRunId(ZoneId.of("Europe/Amsterdam"))).matches("\\d{8}-\\d{6}-\\d{3}");
    }
}
