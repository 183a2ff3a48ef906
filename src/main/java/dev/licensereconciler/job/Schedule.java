package dev.licensereconciler.job;

import java.time.ZoneId;

/** A Quartz cron expression and the time zone it fires in. */
public record Schedule(String cron, ZoneId timeZone) {
}
