package dev.licensereconciler.support;

import com.mysql.cj.MysqlConnection;
import com.mysql.cj.Query;
import com.mysql.cj.interceptors.QueryInterceptor;
import com.mysql.cj.jdbc.JdbcConnection;
import com.mysql.cj.log.Log;
import com.mysql.cj.protocol.Resultset;
import com.mysql.cj.protocol.ServerSession;

import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * {@link PauseAt}'s points on MySQL, where a trigger runs in the server and cannot hold the
 * child's thread: a query interceptor of mysql-connector-j (in the child's JDBC URL, {@code
 * queryInterceptors=}) that sees each statement the child sends. In a transaction it holds after
 * the statement has run, so the server has its rows uncommitted and a kill makes it roll them back;
 * outside one (auto-commit) it holds before, as nothing is written yet. A rewritten batch (one
 * INSERT of many rows) counts each of its rows.
 */
public final class PauseAtStatement implements QueryInterceptor {

    private JdbcConnection connection;

    @Override
    public QueryInterceptor init(MysqlConnection conn, Properties props, Log log) {
        connection = (JdbcConnection) conn;
        return this;
    }

    @Override
    public <T extends Resultset> T preProcess(Supplier<String> sql, Query interceptedQuery) {
        if (PauseAt.active() && autoCommit()) {
            seen(sql.get());
        }
        return null;
    }

    @Override
    public <T extends Resultset> T postProcess(Supplier<String> sql, Query interceptedQuery, T originalResultSet,
                                               ServerSession serverSession) {
        if (PauseAt.active() && !autoCommit()) {
            seen(sql.get());
        }
        return originalResultSet;
    }

    @Override
    public boolean executeTopLevelOnly() {
        return true;
    }

    @Override
    public void destroy() {
    }

    private boolean autoCommit() {
        try {
            return connection.getAutoCommit();
        } catch (SQLException e) {
            return true;
        }
    }

    private static void seen(String sql) {
        String statement = sql.stripLeading();
        String head = statement.substring(0, Math.min(statement.length(), 80)).toUpperCase(Locale.ROOT);
        for (Map.Entry<String, String> point : PauseAt.POINTS.entrySet()) {
            String[] clause = point.getValue().split(" ");
            String verb = clause[1];
            String table = clause[3];
            String prefix = verb.equals("INSERT") ? "INSERT INTO " + table : verb + " " + table;
            if (head.startsWith(prefix) && head.length() > prefix.length()
                    && (head.charAt(prefix.length()) == ' ' || head.charAt(prefix.length()) == '(')) {
                if (table.equals("LR_MAIL") && !statement.contains("'" + PauseAt.SENT + "'")) {
                    return;
                }
                PauseAt.rows(point.getKey(), verb.equals("INSERT") ? valueRows(statement) : 1);
                return;
            }
        }
    }

    /** The rows of an {@code INSERT … VALUES (…), (…)} with its values written out: the groups after VALUES. */
    static int valueRows(String insert) {
        int values = insert.toUpperCase(Locale.ROOT).indexOf(" VALUES");
        if (values < 0) {
            return 1;
        }
        int rows = 0;
        int depth = 0;
        boolean quoted = false;
        for (int i = values; i < insert.length(); i++) {
            char c = insert.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '\'' && i + 1 < insert.length() && insert.charAt(i + 1) == '\'') {
                    i++;
                } else if (c == '\'') {
                    quoted = false;
                }
            } else if (c == '\'') {
                quoted = true;
            } else if (c == '(') {
                if (depth++ == 0) {
                    rows++;
                }
            } else if (c == ')') {
                depth--;
            }
        }
        return Math.max(rows, 1);
    }
}
