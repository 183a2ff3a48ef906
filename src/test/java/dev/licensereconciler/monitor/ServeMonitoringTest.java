package dev.licensereconciler.monitor;

import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

/** serve's health and metrics on the embedded database, and where serve listens. */
class ServeMonitoringTest extends ServeMonitoringScenarios {

    @Override
    String[] database() {
        return new String[0];
    }

    @Test
    void serveListensOnLocalhostOnlyByDefault() throws Exception {
        try (ConfigurableApplicationContext ctx = serve(dir.resolve("data"), Files.createDirectories(dir.resolve("jobs")))) {
            assertThat(ctx.getEnvironment().getProperty("server.address")).isEqualTo("127.0.0.1");
            assertThat(((WebServerApplicationContext) ctx).getWebServer().getPort()).isPositive();
        }
    }
}
