package dev.licensereconciler.ingest;

/**
 * One record of a CSV file: the line where it starts (header = line 1) and its cells.
 * Cells come back trimmed, and a column the record is too short for reads as empty.
 */
public record CsvRecord(int line, String[] cells) {

    /** The trimmed cell at this index; empty for an absent column (index -1) or a short record. */
    public String get(int index) {
        if (index < 0 || index >= cells.length || cells[index] == null) {
            return "";
        }
        return cells[index].strip();
    }

    boolean isBlank() {
        for (String c : cells) {
            if (c != null && !c.isBlank()) {
                return false;
            }
        }
        return true;
    }
}
