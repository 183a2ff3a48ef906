package dev.licensereconciler.job;

import org.quartz.CronExpression;

import java.text.ParseException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.Optional;
import java.util.TimeZone;

/** A Quartz cron expression and the time zone it fires in. */
public record Schedule(String cron, ZoneId timeZone) {

    /**
     * When the schedule fires next after {@code after}, in its own time zone; empty when it never
     * fires again. The cron was validated when the job file was read.
     */
    public Optional<ZonedDateTime> nextFireTimeAfter(Instant after) {
        try {
            CronExpression expression = new CronExpression(cron);
            expression.setTimeZone(TimeZone.getTimeZone(timeZone));
            Date next = expression.getNextValidTimeAfter(Date.from(after));
            return next == null ? Optional.empty() : Optional.of(ZonedDateTime.ofInstant(next.toInstant(), timeZone));
        } catch (ParseException e) {
            throw new IllegalStateException("cron '" + cron + "' was accepted but does not parse: " + e.getMessage(), e);
        }
    }
}
