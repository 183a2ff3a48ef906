package dev.licensereconciler.cli;

import org.springframework.core.env.PropertyResolver;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a database that cannot be used at start-up (unreachable, refused credentials, missing
 * database, an embedded file in use, damaged, read-only or on a full disk) into one sentence:
 * where, what is wrong, which setting or action fixes it. Never quotes a password: the URL is
 * shown without its user information and query parameters, the user by name only.
 */
final class DatabaseTrouble {

    /** H2's error codes (org.h2.api.ErrorCode), by number: the driver is a runtime dependency only. */
    private static final int H2_WRONG_USER_OR_PASSWORD = 28000;
    private static final int H2_ERROR_OPENING_DATABASE = 8000;
    private static final int H2_FEATURE_NOT_SUPPORTED = 50100;
    private static final int H2_URL_RELATIVE_TO_CWD = 90011;
    private static final int H2_DATABASE_ALREADY_OPEN = 90020;
    private static final int H2_IO_EXCEPTION = 90028;
    private static final int H2_IO_EXCEPTION_OF_FILE = 90031;
    private static final int H2_FILE_CORRUPTED = 90030;
    private static final int H2_DATABASE_IS_READ_ONLY = 90097;
    private static final int H2_GENERAL_ERROR = 50000;
    private static final int MYSQL_ACCESS_DENIED = 1045;
    private static final int MYSQL_UNKNOWN_DATABASE = 1049;

    private static final Pattern H2_FILE = Pattern.compile("^jdbc:h2:(?:file:)?([^;]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern HOST = Pattern.compile("^jdbc:[a-z]+://(?:[^/@]*@)?([^/?]+)(?:/([^?;]*))?", Pattern.CASE_INSENSITIVE);
    private static final String MYSQL_URL = "spring.datasource.url (LICENSE_RECONCILER_DB_URL)";
    private static final String MYSQL_CREDENTIALS = "spring.datasource.username and spring.datasource.password "
            + "(LICENSE_RECONCILER_DB_USER, LICENSE_RECONCILER_DB_PASSWORD)";
    private static final String DATA_DIR = "--license-reconciler.data-dir=DIR";

    private DatabaseTrouble() {
    }

    /**
     * The sentence for a start-up failure caused by the database, or empty when the database is
     * not the cause (the caller reports those as they are).
     *
     * @param environment the failed application's settings; null when they were never read
     */
    static Optional<String> describe(Throwable failure, PropertyResolver environment) {
        String url = environment == null ? null : environment.getProperty("spring.datasource.url");
        String user = environment == null ? null : environment.getProperty("spring.datasource.username");
        SQLException sql = null;
        Throwable network = null;
        boolean damagedStore = false;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // H2's store reading a file that is not (or no longer) one: cut short, or a chunk that does not add up.
            damagedStore |= t instanceof EOFException || (t.getClass().getName().equals("org.h2.mvstore.MVStoreException")
                    && String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT).contains("corrupt"));
            if (t instanceof SQLException e && sql == null) {
                sql = e;
            }
            if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof NoRouteToHostException
                    || t instanceof SocketTimeoutException) {
                network = t;
            }
        }
        if (sql == null && network == null) {
            return Optional.empty();
        }
        boolean h2 = (url != null && url.toLowerCase(Locale.ROOT).startsWith("jdbc:h2:"))
                || (sql != null && sql.getClass().getName().startsWith("org.h2."));
        if (h2 && damagedStore) {
            return Optional.of(damaged(h2File(url)));
        }
        return Optional.ofNullable(h2 ? embedded(sql, url) : server(sql, network, url, user));
    }

    private static String embedded(SQLException e, String url) {
        if (e == null) {
            return null;
        }
        String file = h2File(url);
        // H2 often names only the file in its own message (IO Exception: "<file>" [90028]): what the disk or
        // the file system said is in the causes, so they are read too.
        StringBuilder said = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            said.append(t.getMessage()).append('\n');
        }
        String lower = said.toString().toLowerCase(Locale.ROOT);
        return switch (e.getErrorCode()) {
            case H2_DATABASE_ALREADY_OPEN -> "The embedded database " + file + " is locked by another process that does "
                    + "not share it. Stop that process (or wait for it), or give this one a data folder of its own with "
                    + DATA_DIR + ".";
            case H2_FILE_CORRUPTED -> damaged(file);
            // H2's lock-file hand-shake still under way after the retries (EmbeddedDatabaseGate): a
            // process outside the start lock kept opening or closing the same file.
            case H2_ERROR_OPENING_DATABASE -> lower.contains("lock file") || lower.contains("concurrent update")
                    || lower.contains("another process") ? "The embedded database " + file + " was being opened or "
                    + "closed by another process the whole time this one waited. Run the command again once that process "
                    + "has started or ended, or give this one a data folder of its own with " + DATA_DIR + "."
                    : lower.contains("corrupt") ? damaged(file) : null;
            case H2_URL_RELATIVE_TO_CWD -> "The data folder in " + safeUrl(url) + " is a bare relative path, which the "
                    + "embedded database refuses: start it with ./ or give an absolute path, e.g. --license-reconciler.data-dir=./data.";
            case H2_DATABASE_IS_READ_ONLY -> readOnly(file);
            case H2_FEATURE_NOT_SUPPORTED -> lower.contains("readonly") ? readOnly(file) : null;
            case H2_WRONG_USER_OR_PASSWORD -> "The embedded database " + file + " refused the user name or password: "
                    + "it was created with other credentials. Set spring.datasource.username and spring.datasource.password "
                    + "to those, or give a new data folder with " + DATA_DIR + ".";
            case H2_IO_EXCEPTION, H2_IO_EXCEPTION_OF_FILE, H2_GENERAL_ERROR -> lower.contains("no space left") || lower.contains("disk full")
                    ? "The disk holding the embedded database " + file + " is full: free space there, or move the data "
                    + "folder with " + DATA_DIR + "."
                    : lower.contains("corrupt") ? damaged(file)
                    : lower.contains("access denied") || lower.contains("permission denied") || lower.contains("read only")
                    || lower.contains("read-only") ? readOnly(file)
                    : lower.contains("locked") || lower.contains("already in use") ? "The embedded database " + file
                    + " is locked by another process. Stop that process, or give this one a data folder of its own with "
                    + DATA_DIR + "."
                    : null;
            default -> lower.contains("corrupt") ? damaged(file) : null;
        };
    }

    private static String damaged(String file) {
        return "The embedded database " + file + " is damaged and cannot be opened. Restore it from a backup, or move "
                + "it aside to start with an empty database (the history of runs and resumable runs are lost).";
    }

    private static String readOnly(String file) {
        return "The embedded database " + file + " cannot be written (its folder or file is read-only): give the user "
                + "running license-reconciler write access there, or point " + DATA_DIR + " at a writable folder.";
    }

    private static String server(SQLException e, Throwable network, String url, String user) {
        String where = hostOf(url);
        if (e != null && (e.getErrorCode() == MYSQL_ACCESS_DENIED || "28000".equals(e.getSQLState()))) {
            return "The database server " + where + " refused user '" + (user == null ? "" : user) + "' (wrong user name "
                    + "or password). Check " + MYSQL_CREDENTIALS + ".";
        }
        if (e != null && e.getErrorCode() == MYSQL_UNKNOWN_DATABASE) {
            String database = databaseOf(url);
            return "The database '" + database + "' does not exist on " + where + ": create it (CREATE DATABASE "
                    + database + " CHARACTER SET utf8mb4) or correct " + MYSQL_URL + ".";
        }
        boolean connection = network != null || (e != null && e.getSQLState() != null && e.getSQLState().startsWith("08"));
        if (connection) {
            String why = network instanceof UnknownHostException ? "unknown host"
                    : network instanceof SocketTimeoutException ? "no answer in time"
                    : network instanceof ConnectException ? "connection refused" : "no connection";
            return "Cannot reach the database server " + where + " (" + why + "). Check that it runs and accepts "
                    + "connections there, and that " + MYSQL_URL + " names it.";
        }
        return null;
    }

    /** The file H2 opens, as the admin would look for it. */
    private static String h2File(String url) {
        Matcher m = url == null ? null : H2_FILE.matcher(url);
        if (m == null || !m.find()) {
            return "in the data folder";
        }
        return Path.of(m.group(1) + ".mv.db").toAbsolutePath().normalize().toString();
    }

    /** host:port/database of a server URL, without user information or parameters (which may hold a password). */
    private static String hostOf(String url) {
        Matcher m = url == null ? null : HOST.matcher(url);
        if (m == null || !m.find()) {
            return "named by " + MYSQL_URL;
        }
        return m.group(1) + (m.group(2) == null || m.group(2).isEmpty() ? "" : "/" + m.group(2));
    }

    private static String databaseOf(String url) {
        Matcher m = url == null ? null : HOST.matcher(url);
        return m != null && m.find() && m.group(2) != null ? m.group(2) : "";
    }

    private static String safeUrl(String url) {
        if (url == null) {
            return "spring.datasource.url";
        }
        String noParams = url.replaceAll("[?;].*$", "");
        return noParams.replaceFirst("//[^/@]*@", "//");
    }
}
