package dev.licensereconciler.job;

/**
 * A job file as written, before validation: the shape Jackson binds the YAML to, so that a key
 * that is not here (at any level) is refused with its line. Values stay text: JobFileLoader
 * turns them into typed settings with messages in the admin's words.
 */
record JobFile(String name, String type, Section.Schedule schedule, String input, String requests, String catalog,
               String servicePlanRules, String output, String batchSize, Section.Policies policies,
               Section.Mail mail, String apply, String maxPlanAge, Section.History history) {

    /** The nested sections of a job file. */
    interface Section {

        record Schedule(String cron, String timeZone) implements Section {
        }

        record Policies(String guests, String blockedAccounts, String defaultUsageLocation, String reclaim,
                        String maxUnassign, String inactiveDays, String noticeRuns) implements Section {
        }

        /**
         * {@code fallbackRecipients} is a YAML list or one text with addresses separated by ',' or ';'.
         * {@code surplusNoticeDays}: how many days before a renewal purchasers are told its surplus seats.
         */
        record Mail(String enabled, String from, Object fallbackRecipients, String surplusNoticeDays) implements Section {
        }

        record History(String keepRuns, String keepDays, String folders) implements Section {
        }
    }
}
