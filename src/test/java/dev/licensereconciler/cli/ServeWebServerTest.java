package dev.licensereconciler.cli;

import dev.licensereconciler.support.ConsoleCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Only serve starts a web server (health and metrics); run and jobs start none; the command line can still say otherwise. */
class ServeWebServerTest {

    private static final String SERVLET = "--spring.main.web-application-type=servlet";

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @Test
    void serveAloneAsksForTheWebServer() {
        assertThat(springArgs("serve")).containsExactly(SERVLET);
        assertThat(springArgs("run", "nightly")).isEmpty();
        assertThat(springArgs("jobs")).isEmpty();
        assertThat(springArgs("serve", "--spring.main.web-application-type=none"))
                .containsExactly("--spring.main.web-application-type=none");
        assertThat(springArgs("serve", "--server.port=9100")).containsExactly("--server.port=9100", SERVLET);
    }

    private static List<String> springArgs(String... args) {
        List<String> given = new ArrayList<>();
        LicenseReconcilerCommand.execute(springArgs -> {
            given.addAll(List.of(springArgs));
            throw new IllegalStateException("not started in this test");
        }, args);
        return given;
    }
}
