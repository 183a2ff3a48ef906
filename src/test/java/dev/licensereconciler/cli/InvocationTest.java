package dev.licensereconciler.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InvocationTest {

    @Test
    void runTakesAJobAndItsOptionsInAnyOrder() throws Exception {
        Invocation inv = Invocation.parse("run", "--output", "o", "nightly-reconciliation", "--input=in", "--max-unassign", "900",
                "--spring.profiles.active=mysql");

        assertThat(inv.command()).isEqualTo(Invocation.Command.RUN);
        assertThat(inv.job()).isEqualTo("nightly-reconciliation");
        assertThat(inv.input()).isEqualTo(Path.of("in"));
        assertThat(inv.output()).isEqualTo(Path.of("o"));
        assertThat(inv.maxUnassign()).isEqualTo(900);
        assertThat(inv.springArgs()).containsExactly("--spring.profiles.active=mysql");
    }

    @Test
    void mistakesAreRefusedWithAMessageThatSaysWhat() {
        assertThatThrownBy(() -> Invocation.parse()).hasMessageContaining("No command");
        assertThatThrownBy(() -> Invocation.parse("launch")).hasMessageContaining("Unknown command 'launch'");
        assertThatThrownBy(() -> Invocation.parse("run")).hasMessageContaining("needs a job name");
        assertThatThrownBy(() -> Invocation.parse("run", "a", "b")).hasMessageContaining("Unexpected argument 'b'");
        assertThatThrownBy(() -> Invocation.parse("run", "a", "--input")).hasMessageContaining("--input needs a value");
        assertThatThrownBy(() -> Invocation.parse("run", "a", "--max-unassign", "many")).hasMessageContaining("whole number");
        assertThatThrownBy(() -> Invocation.parse("run", "a", "--verbose")).hasMessageContaining("Unknown option '--verbose'");
        assertThatThrownBy(() -> Invocation.parse("jobs", "--input", "x")).hasMessageContaining("go with run only");
        assertThatThrownBy(() -> Invocation.parse("run", "a", "--new", "--recover")).hasMessageContaining("choose one");
    }
}
