package dev.licensereconciler.ingest;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The readers' limits against the columns the run stores the values in, read from the migration
 * scripts themselves, so that a column changed in one place cannot leave its limit behind.
 */
class InputLimitTest {

    private static final Pattern TABLE = Pattern.compile("CREATE TABLE (\\w+) \\((.*?)\\n\\)", Pattern.DOTALL);
    private static final Pattern COLUMN = Pattern.compile("^\\s*(\\w+)\\s+(\\w+)(?:\\((\\d+)(?:,\\s*(\\d+))?\\))?",
            Pattern.MULTILINE);

    /** "TABLE.COLUMN" to its type: "VARCHAR 400", "INT", "DECIMAL 14 2". */
    private static Map<String, String> columns(String database) throws IOException {
        StringBuilder sql = new StringBuilder();
        // The migrations that create the tables of stored values: the run's outputs, and its savings.
        for (String migration : List.of("V3__license_reconciler.sql", "V9__savings.sql")) {
            try (InputStream in = InputLimitTest.class.getResourceAsStream(
                    "/db/migration/" + database + "/" + migration)) {
                assertThat(in).as(database + " migration " + migration).isNotNull();
                sql.append(new String(in.readAllBytes(), StandardCharsets.UTF_8)).append('\n');
            }
        }
        Map<String, String> types = new HashMap<>();
        Matcher table = TABLE.matcher(sql);
        while (table.find()) {
            Matcher column = COLUMN.matcher(table.group(2));
            while (column.find()) {
                String type = column.group(2).toUpperCase(Locale.ROOT);
                if (column.group(3) != null) {
                    type += " " + column.group(3);
                }
                if (column.group(4) != null) {
                    type += " " + column.group(4);
                }
                types.put(table.group(1) + "." + column.group(1), type);
            }
        }
        assertThat(types).as("columns parsed from the " + database + " migration").containsKey("LR_ACTION.USER_UPN");
        return types;
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mysql"})
    void everyLimitFitsItsColumnsAndEqualsThoseItIsTakenFrom(String database) throws IOException {
        Map<String, String> types = columns(database);
        for (InputLimit limit : InputLimit.values()) {
            for (String spec : limit.columns()) {
                String[] parts = spec.split(" ");
                String type = types.get(parts[0]);
                assertThat(type).as(limit + ": column " + parts[0] + " in " + database).isNotNull();
                String[] t = type.split(" ");
                long size = switch (t[0]) {
                    case "VARCHAR" -> Long.parseLong(t[1]);
                    case "INT", "INTEGER" -> Integer.MAX_VALUE;
                    case "DECIMAL" -> Long.parseLong(parts[1].equals("scale") ? t[2] : t[1]);
                    default -> throw new AssertionError(limit + ": no size for type " + type + " of " + parts[0]);
                };
                if (limit.columnIsTheLimit()) {
                    assertThat((long) limit.max()).as(limit + " is the size of " + spec + " in " + database)
                            .isEqualTo(size);
                } else {
                    assertThat((long) limit.max()).as(limit + " is stricter than " + spec + " in " + database)
                            .isLessThan(size);
                }
            }
        }
    }
}
