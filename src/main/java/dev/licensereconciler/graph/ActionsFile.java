package dev.licensereconciler.graph;

import dev.licensereconciler.domain.Operation;
import dev.licensereconciler.ingest.Column;
import dev.licensereconciler.ingest.CsvFile;
import dev.licensereconciler.ingest.CsvRecord;
import dev.licensereconciler.ingest.InputFileException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a run's actions.csv ({@code batch,sku,operation,disabledPlans,user}). The file is the
 * product's own output, so a row that does not parse means the run folder was edited or damaged:
 * the apply is refused as a whole rather than carrying out part of a plan.
 */
final class ActionsFile {

    static final String NAME = "actions.csv";

    private ActionsFile() {
    }

    static List<ActionRow> read(Path runFolder) {
        Path file = runFolder.resolve(NAME);
        if (!Files.exists(file)) {
            throw new InputFileException(file.toString(), 0, "the run folder has no " + NAME + ". Apply a run "
                    + "that was published whole, or run the job again.");
        }
        String remedy = "An actions.csv has columns batch,sku,operation,disabledPlans,user; apply the run folder "
                + "as the job published it.";
        List<ActionRow> rows = new ArrayList<>();
        try (CsvFile f = CsvFile.open(file)) {
            int batch = f.require(Column.of("batch"), remedy);
            int sku = f.require(Column.of("sku"), remedy);
            int operation = f.require(Column.of("operation"), remedy);
            int plans = f.require(Column.of("disabledPlans"), remedy);
            int user = f.require(Column.of("user"), remedy);
            for (CsvRecord r : f) {
                rows.add(row(file, r, batch, sku, operation, plans, user));
            }
        }
        return rows;
    }

    private static ActionRow row(Path file, CsvRecord r, int batch, int sku, int operation, int plans, int user) {
        int number;
        try {
            number = Integer.parseInt(r.get(batch).trim());
        } catch (NumberFormatException e) {
            throw new InputFileException(file.toString(), r.line(), "batch '" + r.get(batch)
                    + "' is not a number. Apply the run folder as the job published it.");
        }
        Operation op;
        try {
            op = Operation.valueOf(r.get(operation).trim());
        } catch (IllegalArgumentException e) {
            throw new InputFileException(file.toString(), r.line(), "operation '" + r.get(operation)
                    + "' is not UNASSIGN, UPDATE_SERVICES or ASSIGN. Apply the run folder as the job published it.");
        }
        String u = r.get(user).trim();
        String s = r.get(sku).trim();
        if (u.isEmpty() || s.isEmpty()) {
            throw new InputFileException(file.toString(), r.line(), "the row has no " + (u.isEmpty() ? "user" : "sku")
                    + ". Apply the run folder as the job published it.");
        }
        String p = r.get(plans).trim();
        List<String> disabled = p.isEmpty() ? List.of()
                : Arrays.stream(p.split(";")).map(String::trim).filter(x -> !x.isEmpty()).toList();
        return new ActionRow(r.line(), number, s, op, disabled, u);
    }
}
