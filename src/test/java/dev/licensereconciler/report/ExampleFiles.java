package dev.licensereconciler.report;

import com.opencsv.CSVReader;
import dev.licensereconciler.domain.ErrorCode;
import dev.licensereconciler.domain.LicenseResult;
import dev.licensereconciler.domain.Operation;
import dev.licensereconciler.domain.Outcome;
import dev.licensereconciler.domain.Plans;
import dev.licensereconciler.domain.ProductAction;
import dev.licensereconciler.domain.Shortfall;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SortedSet;

/** Reads the worked example's expected files back into domain records. */
final class ExampleFiles {

    /** Copies of the contract's examples/basic/expected files, byte for byte. */
    private static final String EXPECTED = "example/";

    private ExampleFiles() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = ExampleFiles.class.getResourceAsStream(EXPECTED + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + EXPECTED + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Data rows (header dropped). */
    static List<String[]> rows(String name) {
        try (Reader in = new StringReader(new String(bytes(name), StandardCharsets.UTF_8));
             CSVReader csv = new CSVReader(in)) {
            List<String[]> all = csv.readAll();
            return all.subList(1, all.size());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Consecutive rows with the same batch number form one action. */
    static List<ProductAction> actions() {
        List<ProductAction> actions = new ArrayList<>();
        List<String[]> rows = rows("actions.csv");
        int i = 0;
        while (i < rows.size()) {
            String[] first = rows.get(i);
            List<String> users = new ArrayList<>();
            while (i < rows.size() && rows.get(i)[0].equals(first[0])) {
                users.add(rows.get(i++)[4]);
            }
            actions.add(new ProductAction(Integer.parseInt(first[0]), first[1], Operation.valueOf(first[2]),
                    plans(first[3]), users));
        }
        return actions;
    }

    static List<LicenseResult> results() {
        return rows("results.csv").stream()
                .map(r -> new LicenseResult(r[0], r[1], Outcome.valueOf(r[2]), code(r[3]), plans(r[4])))
                .toList();
    }

    static List<Shortfall> shortfalls() {
        return rows("shortfall.csv").stream()
                .map(r -> new Shortfall(r[0], r[1], Integer.parseInt(r[2]), Integer.parseInt(r[3]),
                        Integer.parseInt(r[4]), Integer.parseInt(r[5]), Integer.parseInt(r[6]), Integer.parseInt(r[7]),
                        r[8].isEmpty() ? List.of() : Arrays.asList(r[8].split(";")), decimal(r[9]),
                        r[10].isEmpty() ? null : r[10], decimal(r[11])))
                .toList();
    }

    static ErrorCode code(String s) {
        return s.isEmpty() ? null : ErrorCode.valueOf(s);
    }

    private static SortedSet<String> plans(String s) {
        return s.isEmpty() ? Plans.none() : Plans.of(s.split(";"));
    }

    private static BigDecimal decimal(String s) {
        return s.isEmpty() ? null : new BigDecimal(s);
    }
}
