package dev.licensereconciler.monitor;

import dev.licensereconciler.support.CommandLineRuns;
import dev.licensereconciler.support.MariaDb;

/** serve's health and metrics on MariaDB through mysql-connector-j: the mysql profile, a clustered Quartz store. */
class ServeMonitoringOnMySqlTest extends ServeMonitoringScenarios {

    @Override
    String[] database() {
        return CommandLineRuns.mysql(MariaDb.url("serve_monitoring"));
    }
}
