package dev.licensereconciler.batch;

import dev.licensereconciler.job.JobDefinition;
import dev.licensereconciler.job.JobFileLoader;
import dev.licensereconciler.support.TenantFolders;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Mail servers that misbehave, on a real socket on loopback: one that accepts connections and never
 * says a word, one that takes a message's data and drops the connection before confirming it.
 * Run on H2 ({@link MisbehavingMailServerTest}) and MariaDB ({@link MisbehavingMailServerOnMySqlTest}):
 * what is never sent twice is what LR_MAIL recorded.
 */
abstract class MisbehavingMailServerScenarios {

    /** Quick retries and half-second SMTP timeouts, so the silent server costs seconds, not minutes. */
    static final String BACKOFF = "license-reconciler.mail.backoff=10ms";
    static final String CONNECT_TIMEOUT = "spring.mail.properties[mail.smtp.connectiontimeout]=500";
    static final String READ_TIMEOUT = "spring.mail.properties[mail.smtp.timeout]=500";

    /**
     * One server for every subclass in the JVM (its threads are daemons): a subclass's cached
     * application context keeps pointing at it after that class's tests ended.
     */
    private static final LoopbackSmtp server = new LoopbackSmtp();

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", server::port);
    }

    @Autowired
    RunLauncher launcher;
    @Autowired
    JobFileLoader loader;
    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path dir;

    private static final String MAIL = """
            mail:
              enabled: true
              from: licensing@contoso.example
              fallbackRecipients: [it-purchasing@contoso.example]
            """;

    @BeforeEach
    void reset() {
        server.reset();
    }

    @Test
    void aServerThatNeverAnswersFailsTheMailsAndTheRunIsPublished() throws Exception {
        server.behave(LoopbackSmtp.Behaviour.SILENT);
        JobDefinition job = loader.load(TenantFolders.exampleJob(dir, "mail-silent", MAIL));

        JobExecution run = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> launcher.launch(job, RunLauncher.Options.defaults()));

        assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        RunStatistics stats = RunStatistics.from(run.getExecutionContext());
        // Failed mails are problems to review: the command line exits 3, the reports are out.
        assertThat(stats.mailsFailed()).isEqualTo(2);
        assertThat(stats.hasProblems()).isTrue();
        assertThat(Path.of(stats.runFolder()).resolve("shortfall.csv")).exists();
        assertThat(statuses(job, run)).containsExactly("FAILED", "FAILED");
        assertThat(jdbc.queryForList("SELECT LAST_ERROR FROM LR_MAIL WHERE JOB_NAME = ? AND RUN_ID = ?", String.class,
                job.name(), runId(run))).allSatisfy(e -> assertThat(e).containsIgnoringCase("timed out"));
        assertThat(server.connections()).isEqualTo(2 * 3);
    }

    @Test
    void aMessageTheServerTookButDidNotConfirmIsNeverSentAgain() throws Exception {
        server.behave(LoopbackSmtp.Behaviour.DROP_AFTER_DATA);
        JobDefinition job = loader.load(TenantFolders.exampleJob(dir, "mail-dropped", MAIL));

        JobExecution run = launcher.launch(job, RunLauncher.Options.defaults());

        assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(server.messages()).hasSize(2);
        assertThat(statuses(job, run)).containsExactly("UNCONFIRMED", "UNCONFIRMED");
        assertThat(RunStatistics.from(run.getExecutionContext()).mailsFailed()).isZero();

        // The same run resumed at its notify step, as after a crash before the step committed.
        jdbc.update("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'STARTED', END_TIME = NULL WHERE JOB_EXECUTION_ID = ?", run.getId());
        jdbc.update("UPDATE BATCH_STEP_EXECUTION SET STATUS = 'STARTED', END_TIME = NULL WHERE JOB_EXECUTION_ID = ? "
                + "AND STEP_NAME = 'notify'", run.getId());
        JobExecution resumed = launcher.launch(job, RunLauncher.Options.recover());

        assertThat(resumed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(runId(resumed)).isEqualTo(runId(run));
        assertThat(server.messages()).hasSize(2);
        assertThat(statuses(job, resumed)).containsExactly("UNCONFIRMED", "UNCONFIRMED");
    }

    private List<String> statuses(JobDefinition job, JobExecution run) {
        return jdbc.queryForList("SELECT STATUS FROM LR_MAIL WHERE JOB_NAME = ? AND RUN_ID = ?", String.class,
                job.name(), runId(run));
    }

    private static String runId(JobExecution run) {
        return run.getJobParameters().getString(RunParameters.RUN_ID);
    }

    /** A bare SMTP server on 127.0.0.1 that misbehaves on purpose. */
    static final class LoopbackSmtp {
        enum Behaviour { SILENT, DROP_AFTER_DATA }

        private final ServerSocket socket;
        private volatile Behaviour behaviour = Behaviour.SILENT;
        private final AtomicInteger connections = new AtomicInteger();
        private final List<String> messages = new CopyOnWriteArrayList<>();
        private final List<Socket> open = new CopyOnWriteArrayList<>();

        LoopbackSmtp() {
            try {
                socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Thread acceptor = new Thread(this::accept, "loopback-smtp");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        void behave(Behaviour b) {
            behaviour = b;
        }

        /** Forgets the last test's connections (closing those a silent server kept open) and messages. */
        void reset() {
            for (Socket s : open) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // the client closed it already
                }
            }
            open.clear();
            connections.set(0);
            messages.clear();
        }

        int connections() {
            return connections.get();
        }

        List<String> messages() {
            return messages;
        }

        private void accept() {
            while (!socket.isClosed()) {
                try {
                    Socket client = socket.accept();
                    connections.incrementAndGet();
                    open.add(client);
                    Thread t = new Thread(() -> serve(client), "loopback-smtp-client");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void serve(Socket client) {
            if (behaviour == Behaviour.SILENT) {
                return; // accepted, kept open, never a word
            }
            try (client) {
                var in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
                OutputStream out = client.getOutputStream();
                reply(out, "220 loopback ESMTP");
                String line;
                while ((line = in.readLine()) != null) {
                    String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                    switch (verb) {
                        case "EHLO", "HELO", "MAIL", "RCPT", "RSET", "NOOP" -> reply(out, "250 OK");
                        case "QUIT" -> {
                            reply(out, "221 bye");
                            return;
                        }
                        case "DATA" -> {
                            reply(out, "354 go ahead");
                            StringBuilder data = new StringBuilder();
                            while ((line = in.readLine()) != null && !line.equals(".")) {
                                data.append(line).append('\n');
                            }
                            messages.add(data.toString());
                            return; // the data is in; the connection drops before the 250
                        }
                        default -> reply(out, "502 not implemented");
                    }
                }
            } catch (IOException e) {
                // the client gave up
            }
        }

        private static void reply(OutputStream out, String line) throws IOException {
            out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
    }
}
