package dev.licensereconciler.batch;

import dev.licensereconciler.domain.Shortfall;
import dev.licensereconciler.job.MailSettings;
import dev.licensereconciler.mail.AddressProblem;
import dev.licensereconciler.mail.MailOutcome;
import dev.licensereconciler.mail.MailPlan;
import dev.licensereconciler.mail.ShortfallMail;
import dev.licensereconciler.mail.ShortfallMailPlanner;
import dev.licensereconciler.mail.ShortfallMailer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSender;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * Sends a run's shortfall mails, each recorded in LR_MAIL before and after sending, so a resumed
 * run (or a second scheduler) never sends one twice. A mail whose sending was interrupted
 * mid-way is not sent again (a purchaser getting no second copy is better than two orders).
 */
public final class MailNotifier {

    /** What happened to the run's mails, for the run's summary and exit status. */
    public record Outcome(int sent, int alreadySent, int failed, String note) {
        public static Outcome skipped(String note) {
            return new Outcome(0, 0, 0, note);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(MailNotifier.class);

    private final JavaMailSender sender;
    private final JdbcTemplate jdbc;
    private final RetryPolicy retry;

    /** @param sender null when no SMTP server is configured */
    public MailNotifier(JavaMailSender sender, JdbcTemplate jdbc, RetryPolicy retry) {
        this.sender = sender;
        this.jdbc = jdbc;
        this.retry = retry;
    }

    public Outcome notify(ComputedRun run, RunParameters p) {
        List<Shortfall> shortfalls = run.result().shortfalls().stream().filter(s -> s.shortfall() > 0).toList();
        MailSettings settings = run.job().mail();
        if (shortfalls.isEmpty()) {
            return Outcome.skipped("no shortfall, no mail.");
        }
        if (!settings.enabled()) {
            return Outcome.skipped("mail is disabled in the job file; purchasers were not mailed.");
        }
        if (sender == null) {
            return Outcome.skipped("no SMTP server configured (spring.mail.host); purchasers were not mailed.");
        }
        MailPlan plan = new ShortfallMailPlanner().plan(p.jobName(), p.runId(), shortfalls, settings.fallbackRecipients());
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
        int failed = 0;
        for (ShortfallMail mail : plan.mails()) {
            String status = status(p, mail);
            if ("SENT".equals(status) || "SENDING".equals(status)) {
                if ("SENDING".equals(status)) {
                    log.warn("Mail to {} was being sent when the run stopped; not sending it again.", mail.recipients());
                }
                already++;
                continue;
            }
            record(p, mail, "SENDING", 0, null);
            MailOutcome outcome = mailer.send(settings.from(), mail);
            record(p, mail, outcome.sent() ? "SENT" : "FAILED", outcome.attempts(), outcome.reason());
            if (outcome.sent()) {
                sent++;
            } else {
                failed++;
                log.warn("Shortfall mail to {} failed after {} attempts: {}", mail.recipients(), outcome.attempts(),
                        outcome.reason());
            }
        }
        return new Outcome(sent, already, failed, sent + " sent, " + already + " already sent earlier, " + failed + " failed.");
    }

    private String status(RunParameters p, ShortfallMail mail) {
        List<String> s = jdbc.queryForList("SELECT STATUS FROM LR_MAIL WHERE JOB_NAME = ? AND RUN_ID = ? AND MAIL_KEY = ?",
                String.class, p.jobName(), p.runId(), mail.mailKey());
        return s.isEmpty() ? null : s.get(0);
    }

    private void record(RunParameters p, ShortfallMail mail, String status, int attempts, String error) {
        jdbc.update("DELETE FROM LR_MAIL WHERE JOB_NAME = ? AND RUN_ID = ? AND MAIL_KEY = ?", p.jobName(), p.runId(),
                mail.mailKey());
        jdbc.update("INSERT INTO LR_MAIL (JOB_NAME, RUN_ID, MAIL_KEY, RECIPIENTS, STATUS, ATTEMPTS, LAST_ERROR, SENT_AT) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", p.jobName(), p.runId(), mail.mailKey(),
                String.join(";", mail.recipients()), status, attempts, error,
                "SENT".equals(status) ? Timestamp.from(Instant.now()) : null);
    }
}
