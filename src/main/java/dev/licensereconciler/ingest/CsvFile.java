package dev.licensereconciler.ingest;

import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.RFC4180ParserBuilder;
import com.opencsv.exceptions.CsvMalformedLineException;
import com.opencsv.exceptions.CsvValidationException;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.regex.Pattern;

/**
 * A CSV file opened for streaming: encoding and separator detected, header read, records handed
 * out one at a time with the line each starts on. Uses opencsv's RFC 4180 parser because the
 * default one treats backslashes as escapes, which would corrupt values such as "CONTOSO\\admin".
 */
public final class CsvFile implements Closeable, Iterable<CsvRecord> {

    /** Opens the file's bytes; called twice (encoding scan, then parse). */
    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }

    private final String name;
    private final Charset charset;
    private final char separator;
    private final CSVReader reader;
    private final int headerLine;
    private final String[] header;
    /** Header positions by normalized name; a name may occur more than once. */
    private final Map<String, List<Integer>> columns = new HashMap<>();
    private boolean iterating;

    private CsvFile(String name, Charset charset, char separator, CSVReader reader, int headerLine, String[] header) {
        this.name = name;
        this.charset = charset;
        this.separator = separator;
        this.reader = reader;
        this.headerLine = headerLine;
        this.header = header;
        for (int i = 0; i < header.length; i++) {
            for (String key : Column.headerKeys(header[i] == null ? "" : header[i])) {
                columns.computeIfAbsent(key, k -> new ArrayList<>(1)).add(i);
            }
        }
    }

    public static CsvFile open(Path path) {
        String name = path.getFileName().toString();
        if (!Files.isRegularFile(path)) {
            throw new InputFileException(name, 0, "the file does not exist or is not a file (" + path + ").");
        }
        return open(name, () -> Files.newInputStream(path));
    }

    public static CsvFile open(String name, Opener opener) {
        if (name.length() > InputLimit.FILE_NAME.max()) {
            throw new InputFileException(name.substring(0, 60) + "...", 0, "the file's name is "
                    + String.format(Locale.ROOT, "%,d", name.length()) + " characters long, more than the limit of "
                    + InputLimit.FILE_NAME.describe() + " (" + InputLimit.FILE_NAME.why() + "). Rename the file.");
        }
        TextEncoding encoding = TextEncoding.detect(name, opener);
        InputStream in = null;
        try {
            in = opener.open();
            in.skipNBytes(encoding.bomLength());
            BufferedReader text = new BufferedReader(new DecodingReader(in, encoding.charset()), 64 * 1024);
            Prelude prelude = prelude(text, name);
            char separator = prelude.separator();
            // opencsv skips (and counts) the lines before the header: Excel's "sep=" hint, Entra's version line.
            CSVReader csv = new CSVReaderBuilder(text)
                    .withSkipLines(prelude.linesBeforeHeader())
                    .withCSVParser(new RFC4180ParserBuilder().withSeparator(separator).build())
                    .build();
            CsvRecord header = nextRecord(csv, name, encoding.charset(), prelude.linesBeforeHeader());
            if (header == null) {
                throw empty(name);
            }
            return new CsvFile(name, encoding.charset(), separator, csv, header.line(), header.cells());
        } catch (DecodingReader.UndecodableBytesException e) {
            closeQuietly(in);
            throw undecodable(name, encoding.charset(), e);
        } catch (InputFileException e) {
            closeQuietly(in);
            throw e;
        } catch (NoSuchFileException e) {
            closeQuietly(in);
            throw new InputFileException(name, 0, "the file does not exist (" + e.getMessage() + ").", e);
        } catch (IOException e) {
            closeQuietly(in);
            throw new InputFileException(name, 0, "the file cannot be read (" + e.getMessage()
                    + "). Check that it exists and that the job may read it.", e);
        }
    }

    private static InputFileException empty(String name) {
        return new InputFileException(name, 0, "the file is empty; it needs at least a header line. "
                + "Export it again.");
    }

    /** The separator, and how many lines come before the header (blank ones included). */
    private record Prelude(char separator, int linesBeforeHeader) {
    }

    /** Entra's bulk templates start with "version:v1.0" (a cell of its own when Excel saved them). */
    private static final Pattern VERSION_LINE = Pattern.compile("(?i)\"?version:v?\\d+(\\.\\d+)*\"?[,;\t ]*");

    /**
     * Reads up to the header line and back: the header is the first non-blank line that is neither
     * Excel's "sep=X" hint (which names the separator) nor Entra's version line. Each of them must
     * be within {@link InputLimit#HEADER_LINE}.
     */
    private static Prelude prelude(BufferedReader text, String name) throws IOException {
        int limit = InputLimit.HEADER_LINE.max();
        // Room for a hint, a version line and a header of the limit's length, blank lines and line ends.
        text.mark(4 * limit);
        LineScan scan = new LineScan();
        String line = headerLine(text, name, scan, limit);
        char hinted = 0;
        while (true) {
            if (line.length() == 5 && line.regionMatches(true, 0, "sep=", 0, 4) && ",;\t|".indexOf(line.charAt(4)) >= 0) {
                hinted = line.charAt(4);
            } else if (!VERSION_LINE.matcher(line).matches()) {
                break;
            }
            line = headerLine(text, name, scan, limit);
        }
        text.reset();
        int headerNumber = scan.line - 1;
        return new Prelude(hinted != 0 ? hinted : separatorOf(line), headerNumber - 1);
    }

    /** The most frequent of , ; and tab outside quotes in the header line; comma on a tie or none. */
    private static char separatorOf(String first) {
        int commas = 0;
        int semicolons = 0;
        int tabs = 0;
        boolean quoted = false;
        for (int i = 0; i < first.length(); i++) {
            char c = first.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                if (c == ',') {
                    commas++;
                } else if (c == ';') {
                    semicolons++;
                } else if (c == '\t') {
                    tabs++;
                }
            }
        }
        if (tabs > commas && tabs > semicolons) {
            return '\t';
        }
        return semicolons > commas ? ';' : ',';
    }

    /** Where reading the first lines stands: the number of the line being read, and whether a CR ended the last. */
    private static final class LineScan {
        int line = 1;
        boolean afterCr;
    }

    /**
     * The next non-blank line, blank lines before it skipped and counted. A line longer than the
     * limit fails the file, stating its length.
     */
    private static String headerLine(BufferedReader text, String name, LineScan line, int limit) throws IOException {
        StringBuilder sb = new StringBuilder();
        int skipped = 0;
        while (true) {
            int c = text.read();
            if (c == '\n' && line.afterCr) {
                line.afterCr = false;
                continue;
            }
            line.afterCr = c == '\r';
            if (c < 0 || c == '\n' || c == '\r') {
                if (!sb.toString().isBlank()) {
                    line.line++;
                    return sb.toString();
                }
                if (c < 0) {
                    throw empty(name);
                }
                skipped += sb.length() + 1;
                if (skipped > limit) {
                    throw new InputFileException(name, line.line, "the file starts with more than "
                            + InputLimit.HEADER_LINE.describe() + " of blank lines, and no header. "
                            + "The first line must be the header with the column names; export the file again.");
                }
                sb.setLength(0);
                line.line++;
                continue;
            }
            if (sb.length() == limit) {
                throw new InputFileException(name, line.line, "the header line is " + lengthOfLine(text, limit)
                        + " characters long, more than the limit of " + InputLimit.HEADER_LINE.describe() + " ("
                        + InputLimit.HEADER_LINE.why() + "). The first line must be the header, the column names "
                        + "only; export the file again.");
            }
            sb.append((char) c);
        }
    }

    /** The length of a line of which {@code read} characters were read, reading to its end. */
    private static String lengthOfLine(BufferedReader text, int read) throws IOException {
        long length = read + 1;
        char[] buf = new char[8192];
        int n;
        outer:
        while ((n = text.read(buf)) > 0) {
            for (int i = 0; i < n; i++) {
                if (buf[i] == '\n' || buf[i] == '\r') {
                    length += i;
                    break outer;
                }
            }
            length += n;
        }
        return String.format(Locale.ROOT, "%,d", length);
    }

    private static InputFileException undecodable(String name, Charset charset, DecodingReader.UndecodableBytesException e) {
        return new InputFileException(name, e.line(), "this line holds bytes that are not valid "
                + charset.displayName() + " (" + e.bytes() + "), the encoding the file's byte-order mark declares. "
                + "Save the file as UTF-8 (in Excel: 'CSV UTF-8 (Comma delimited)'; in Notepad: Save As, "
                + "encoding UTF-8) and run again.", e);
    }

    private static void closeQuietly(Closeable c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // already failing with a better message
            }
        }
    }

    /** The file's name as errors.csv shows it. */
    public String name() {
        return name;
    }

    public Charset charset() {
        return charset;
    }

    public char separator() {
        return separator;
    }

    public int headerLine() {
        return headerLine;
    }

    /**
     * Index of the column under any of its spellings; -1 when the header lacks it. A column the
     * header names twice fails the file: reading either cell would be a guess, and a wrong guess
     * (an empty copy of the UPN column, say) silently turns every row into an error.
     */
    public int column(Column column) {
        int i = only(column, column.keys());
        return i >= 0 ? i : only(column, column.otherFormKeys());
    }

    /** The one header position matching any of the keys, -1 for none; fails the file for several. */
    private int only(Column column, List<String> keys) {
        int found = -1;
        for (String key : keys) {
            for (int i : columns.getOrDefault(key, List.of())) {
                if (found < 0) {
                    found = i;
                } else if (i != found) {
                    int first = Math.min(found, i);
                    int second = Math.max(found, i);
                    throw new InputFileException(name, headerLine, "the header names column '" + column.name()
                            + "' twice: " + Values.quote(header[first]) + " (column " + (first + 1) + ") and "
                            + Values.quote(header[second]) + " (column " + (second + 1) + "). Delete or rename one "
                            + "of them, so that it is clear which one to read.");
                }
            }
        }
        return found;
    }

    public boolean has(Column column) {
        return column(column) >= 0;
    }

    /** Index of a column the file cannot be used without; fails the whole file when it is missing. */
    public int require(Column column, String remedy) {
        int i = column(column);
        if (i < 0) {
            throw new InputFileException(name, headerLine, "required column " + column.describe()
                    + " is missing. " + remedy);
        }
        return i;
    }

    /** The records after the header, blank lines skipped; can be iterated once. */
    @Override
    public Iterator<CsvRecord> iterator() {
        if (iterating) {
            throw new IllegalStateException(name + " can be read only once");
        }
        iterating = true;
        return new Iterator<>() {
            private CsvRecord next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    next = nextRecord(reader, name, charset, 0);
                }
                return next != null;
            }

            @Override
            public CsvRecord next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                CsvRecord r = next;
                next = null;
                return r;
            }
        };
    }

    /**
     * @param skippedLines lines opencsv skips on its first read, which its count includes only
     *                     after that read (Excel's "sep=" line, Entra's version line): the lines
     *                     before the header for the header, else 0
     */
    private static CsvRecord nextRecord(CSVReader reader, String name, Charset charset, int skippedLines) {
        while (true) {
            // Lines read so far + 1 is where the next record starts, also after a multi-line one.
            long next = reader.getLinesRead() + 1 + skippedLines;
            if (next > InputLimit.LINE.max()) {
                throw new InputFileException(name, 0, "the file has more than " + InputLimit.LINE.describe()
                        + " (" + InputLimit.LINE.why() + "). Split it, or export fewer rows.");
            }
            int line = (int) next;
            String[] cells;
            try {
                cells = reader.readNext();
            } catch (CsvMalformedLineException e) {
                throw new InputFileException(name, line, "a quoted field starting here is never closed, so the "
                        + "rest of the file cannot be read. Add the missing closing quote (\").", e);
            } catch (DecodingReader.UndecodableBytesException e) {
                throw undecodable(name, charset, e);
            } catch (CsvValidationException e) {
                throw new InputFileException(name, line, "the record cannot be parsed (" + e.getMessage() + ").", e);
            } catch (IOException e) {
                throw new InputFileException(name, line, "the file cannot be read (" + e.getMessage() + ").",
                        new UncheckedIOException(e));
            }
            if (cells == null) {
                return null;
            }
            CsvRecord record = new CsvRecord(line, cells);
            if (!record.isBlank()) {
                return record;
            }
        }
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException ignored) {
            // nothing was written; a failing close cannot lose data
        }
    }
}
