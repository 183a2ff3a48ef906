package dev.licensereconciler.batch;

import dev.licensereconciler.domain.InactiveNotice;
import dev.licensereconciler.domain.Savings;
import dev.licensereconciler.domain.Shortfall;
import dev.licensereconciler.domain.SurplusSeats;
import dev.licensereconciler.job.MailSettings;
import dev.licensereconciler.mail.AddressProblem;
import dev.licensereconciler.mail.MailOutcome;
import dev.licensereconciler.mail.MailPlan;
import dev.licensereconciler.mail.ShortfallMail;
import dev.licensereconciler.mail.ShortfallMailPlanner;
import dev.licensereconciler.mail.SurplusNotice;
import dev.licensereconciler.mail.ShortfallMailer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.Instant;
import java.util.List;

/**
 * Sends a run's shortfall mails exactly once. Each mail is recorded in LR_MAIL, committed in a
 * transaction of its own, as SENDING before it goes out and as SENT / UNCONFIRMED / FAILED
 * after: a crash, a kill or a failing notify step cannot roll the record back, so a resumed run
 * (or a second scheduler) never sends one twice. A mail recorded as SENDING or UNCONFIRMED may
 * have reached its recipients and is reported as possibly sent, never sent again (a purchaser
 * getting no second copy is better than two orders).
 */
public final class MailNotifier {

    /**
     * What happened to the run's mails, for the run's summary and exit status. {@code possiblySent}:
     * handed to the server without a confirmation, now or by an interrupted earlier attempt.
     */
    public record Outcome(int sent, int alreadySent, int possiblySent, int failed, String note) {
        public static Outcome skipped(String note) {
            return new Outcome(0, 0, 0, 0, note);
        }
    }

    /**
     * Told around each send; tests stop a run there the way a kill would. The record before is
     * committed when {@link #beforeSend} runs, the one after is not yet when {@link #afterSend} does.
     */
    public interface SendListener {
        SendListener NONE = new SendListener() { };

        default void beforeSend(ShortfallMail mail) {
        }

        default void afterSend(ShortfallMail mail, MailOutcome outcome) {
        }
    }

    private static final Logger log = LoggerFactory.getLogger(MailNotifier.class);
    /** LR_MAIL.LAST_ERROR; a server's reply can quote every recipient. */
    private static final int MAX_ERROR = 4000;

    private final JavaMailSender sender;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;
    private final RetryPolicy retry;
    private final SendListener listener;
    private final Clock clock;
    /** Whether the database is H2 (see {@link #durable()}), found at the first mail. */
    private volatile Boolean h2;

    /** @param sender null when no SMTP server is configured */
    public MailNotifier(JavaMailSender sender, JdbcTemplate jdbc, PlatformTransactionManager transactionManager,
                        RetryPolicy retry, SendListener listener) {
        this(sender, jdbc, transactionManager, retry, listener, Clock.systemUTC());
    }

    /** @param clock today's date for the surplus notice window ({@link SurplusNotice}) */
    public MailNotifier(JavaMailSender sender, JdbcTemplate jdbc, PlatformTransactionManager transactionManager,
                        RetryPolicy retry, SendListener listener, Clock clock) {
        this.clock = clock.withZone(ZoneOffset.UTC);
        this.sender = sender;
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.retry = retry;
        this.listener = listener;
    }

    public MailNotifier(JavaMailSender sender, JdbcTemplate jdbc, PlatformTransactionManager transactionManager,
                        RetryPolicy retry) {
        this(sender, jdbc, transactionManager, retry, SendListener.NONE);
    }

    public Outcome notify(ComputedRun run, RunParameters p) {
        List<Shortfall> shortfalls = run.result().shortfalls().stream().filter(s -> s.shortfall() > 0).toList();
        List<InactiveNotice> removals = run.result().notices().stream().filter(InactiveNotice::removedNextRun).toList();
        MailSettings settings = run.job().mail();
        // Renewal dates are days in UTC (Graph's nextLifecycleDateTime is), so today is too.
        List<SurplusSeats> surplus = SurplusNotice.due(run.savingsRows(Savings::surplus), LocalDate.now(clock),
                settings.surplusNoticeDays());
        if (shortfalls.isEmpty() && removals.isEmpty() && surplus.isEmpty()) {
            return Outcome.skipped("no shortfall, no mail.");
        }
        if (!settings.enabled()) {
            return Outcome.skipped("mail is disabled in the job file; purchasers were not mailed.");
        }
        if (sender == null) {
            return Outcome.skipped("no SMTP server configured (spring.mail.host); purchasers were not mailed.");
        }
        MailPlan plan = new ShortfallMailPlanner().plan(p.jobName(), p.runId(), run.result().shortfalls(), removals,
                settings.fallbackRecipients(), surplus);
        for (AddressProblem problem : plan.addressProblems()) {
            log.warn("Shortfall mail for {}: address '{}' not used: {}", problem.sku(), problem.address(), problem.reason());
        }
        if (!plan.unreachableSkus().isEmpty()) {
            log.warn("No purchaser and no fallback recipient for {}: add fallbackRecipients to the job's mail settings.",
                    plan.unreachableSkus());
        }
        ShortfallMailer mailer = new ShortfallMailer(sender, retry);
        int sent = 0;
        int already = 0;
        int possibly = 0;
        int failed = 0;
        for (ShortfallMail mail : plan.mails()) {
            switch (deliver(p, settings.from(), mail, mailer)) {
                case SENT -> sent++;
                case ALREADY_SENT -> already++;
                case POSSIBLY_SENT -> possibly++;
                case FAILED -> failed++;
            }
        }
        String note = sent + " sent, " + already + " already sent earlier, " + failed + " failed.";
        if (possibly > 0) {
            note += " " + possibly + " possibly sent (not sent again; ask the recipients in the log whether it arrived).";
        }
        return new Outcome(sent, already, possibly, failed, note);
    }

    private enum Delivery { SENT, ALREADY_SENT, POSSIBLY_SENT, FAILED }

    /**
     * One mail, recorded before and after. A database problem fails this mail only: the run's
     * reports are published by then and the mails already recorded stay recorded.
     */
    private Delivery deliver(RunParameters p, String from, ShortfallMail mail, ShortfallMailer mailer) {
        try {
            String status = status(p, mail);
            if ("SENT".equals(status)) {
                return Delivery.ALREADY_SENT;
            }
            if ("SENDING".equals(status) || "UNCONFIRMED".equals(status)) {
                log.warn("Shortfall mail to {} may have been sent by an earlier attempt that stopped before the mail "
                        + "server confirmed it; not sending it again. Ask them whether it arrived.", mail.recipients());
                return Delivery.POSSIBLY_SENT;
            }
            record(p, mail, "SENDING", 0, null);
            durable();
        } catch (RuntimeException e) {
            log.warn("Shortfall mail to {} not sent: could not record it in LR_MAIL first: {}", mail.recipients(),
                    e.getMessage());
            return Delivery.FAILED;
        }
        listener.beforeSend(mail);
        MailOutcome outcome = mailer.send(from, mail);
        listener.afterSend(mail, outcome);
        try {
            record(p, mail, outcome.status().name(), outcome.attempts(), outcome.reason());
        } catch (RuntimeException e) {
            // Stays SENDING: a later attempt treats it as possibly sent, whatever the outcome was.
            log.warn("Shortfall mail to {}: {} but could not record it in LR_MAIL: {}", mail.recipients(),
                    outcome.status(), e.getMessage());
        }
        return switch (outcome.status()) {
            case SENT -> Delivery.SENT;
            case UNCONFIRMED -> {
                log.warn("Shortfall mail to {} possibly sent: {}. Not sending it again; ask them whether it arrived.",
                        mail.recipients(), outcome.reason());
                yield Delivery.POSSIBLY_SENT;
            }
            case FAILED -> {
                log.warn("Shortfall mail to {} failed after {} attempts: {}", mail.recipients(), outcome.attempts(),
                        outcome.reason());
                yield Delivery.FAILED;
            }
        };
    }

    private String status(RunParameters p, ShortfallMail mail) {
        List<String> s = jdbc.queryForList("SELECT STATUS FROM LR_MAIL WHERE JOB_NAME = ? AND RUN_ID = ? AND MAIL_KEY = ?",
                String.class, p.jobName(), p.runId(), mail.mailKey());
        return s.isEmpty() ? null : s.get(0);
    }

    /**
     * The embedded database keeps its last commits in memory for up to half a second (H2's write
     * delay): a process killed meanwhile lost the SENDING record of a mail already handed to the
     * server, and the resumed run sent it again. So it is written out before the mail goes, here
     * only: a write delay of 0 for every commit would write in whichever thread commits, and a
     * thread interrupted while writing (Quartz interrupts its own) closes H2's file for good.
     * MySQL's commits are durable already.
     */
    private void durable() {
        if (h2 == null) {
            h2 = jdbc.execute((ConnectionCallback<Boolean>) c -> c.getMetaData().getDatabaseProductName().equals("H2"));
        }
        if (h2) {
            ownTransaction.executeWithoutResult(tx -> jdbc.execute("CHECKPOINT"));
        }
    }

    /** Committed before it returns, whatever the notify step's transaction does later. */
    private void record(RunParameters p, ShortfallMail mail, String status, int attempts, String error) {
        String lastError = error == null || error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR - 3) + "...";
        ownTransaction.executeWithoutResult(tx -> {
            jdbc.update("DELETE FROM LR_MAIL WHERE JOB_NAME = ? AND RUN_ID = ? AND MAIL_KEY = ?", p.jobName(), p.runId(),
                    mail.mailKey());
            jdbc.update("INSERT INTO LR_MAIL (JOB_NAME, RUN_ID, MAIL_KEY, RECIPIENTS, PRODUCTS, STATUS, ATTEMPTS, "
                            + "LAST_ERROR, SENT_AT) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", p.jobName(), p.runId(),
                    mail.mailKey(), String.join(";", mail.recipients()), String.join(";", mail.skus()), status, attempts,
                    lastError, "SENT".equals(status) ? Timestamp.from(Instant.now()) : null);
        });
    }
}
