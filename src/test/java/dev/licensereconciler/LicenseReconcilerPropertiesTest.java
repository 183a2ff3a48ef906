package dev.licensereconciler;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LicenseReconcilerPropertiesTest {

    private static LicenseReconcilerProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("license-reconciler", LicenseReconcilerProperties.class);
    }

    @Test
    void unsetSettingsKeepTheirDocumentedDefaults() {
        LicenseReconcilerProperties p = bind(Map.of());

        assertThat(p.baseFolder()).isEqualTo(Path.of(""));
        assertThat(p.jobsDir()).isEqualTo(Path.of("jobs"));
        assertThat(p.chunkSize()).isEqualTo(5000);
        assertThat(p.mail().attempts()).isEqualTo(3);
        assertThat(p.mail().backoff()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void everySettingIsReadUnderItsKebabCaseName() {
        LicenseReconcilerProperties p = bind(Map.of(
                "license-reconciler.base-dir", "/srv/reconciler",
                "license-reconciler.jobs-dir", "conf/jobs",
                "license-reconciler.chunk-size", "4",
                "license-reconciler.mail.attempts", "5",
                "license-reconciler.mail.backoff", "10ms",
                "license-reconciler.data-dir", "/var/lib/reconciler"));

        assertThat(p.baseFolder()).isEqualTo(Path.of("/srv/reconciler"));
        assertThat(p.jobsDir()).isEqualTo(Path.of("conf/jobs"));
        assertThat(p.chunkSize()).isEqualTo(4);
        assertThat(p.mail().attempts()).isEqualTo(5);
        assertThat(p.mail().backoff()).isEqualTo(Duration.ofMillis(10));
    }
}
