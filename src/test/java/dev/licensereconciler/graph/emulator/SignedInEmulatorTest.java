package dev.licensereconciler.graph.emulator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** An emulator per test, and a client already holding a token from its identity endpoint. */
abstract class SignedInEmulatorTest {

    GraphEmulator emu;
    EmulatorClient client;

    @BeforeEach
    void startAndSignIn() {
        emu = GraphEmulator.start();
        client = new EmulatorClient(emu);
        client.authenticate();
    }

    @AfterEach
    void stop() {
        emu.close();
    }
}
