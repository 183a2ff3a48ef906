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
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;

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

    private static final int HEADER_PEEK_LIMIT = 1 << 20;

    private final String name;
    private final Charset charset;
    private final char separator;
    private final CSVReader reader;
    private final int headerLine;
    private final Map<String, Integer> columns = new HashMap<>();
    private boolean iterating;

    private CsvFile(String name, Charset charset, char separator, CSVReader reader, int headerLine, String[] header) {
        this.name = name;
        this.charset = charset;
        this.separator = separator;
        this.reader = reader;
        this.headerLine = headerLine;
        for (int i = 0; i < header.length; i++) {
            columns.putIfAbsent(Column.normalize(header[i] == null ? "" : header[i]), i);
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
        TextEncoding encoding = TextEncoding.detect(name, opener);
        InputStream in = null;
        try {
            in = opener.open();
            in.skipNBytes(encoding.bomLength());
            var decoder = encoding.charset().newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            BufferedReader text = new BufferedReader(new InputStreamReader(in, decoder), 64 * 1024);
            int detected = detectSeparator(text, name);
            // Excel may start a CSV with "sep=;" to name its separator; opencsv skips (and counts) that line.
            boolean sepLine = detected < 0;
            char separator = (char) Math.abs(detected);
            CSVReader csv = new CSVReaderBuilder(text)
                    .withSkipLines(sepLine ? 1 : 0)
                    .withCSVParser(new RFC4180ParserBuilder().withSeparator(separator).build())
                    .build();
            CsvRecord header = nextRecord(csv, name, sepLine ? 1 : 0);
            if (header == null) {
                throw empty(name);
            }
            return new CsvFile(name, encoding.charset(), separator, csv, header.line(), header.cells());
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

    /**
     * The most frequent of , ; and tab outside quotes in the first non-blank line; comma on a tie or
     * none. A first line "sep=X" (Excel's hint) names the separator: then X is returned negated, so
     * the caller skips that line.
     */
    private static int detectSeparator(BufferedReader text, String name) throws IOException {
        text.mark(HEADER_PEEK_LIMIT);
        String line;
        try {
            do {
                line = text.readLine();
            } while (line != null && line.isBlank());
        } catch (CharacterCodingException e) {
            throw undecodable(name, 1, e);
        }
        if (line == null) {
            throw empty(name);
        }
        text.reset();
        String hint = line;
        if (hint.length() == 5 && hint.regionMatches(true, 0, "sep=", 0, 4) && ",;\t|".indexOf(hint.charAt(4)) >= 0) {
            return -hint.charAt(4);
        }
        int commas = 0;
        int semicolons = 0;
        int tabs = 0;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
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

    private static InputFileException undecodable(String name, int line, CharacterCodingException e) {
        // The decoder reads ahead, so the line is where reading stood, not necessarily the bad byte's.
        return new InputFileException(name, line, "the text cannot be decoded near here (" + e + "). "
                + "Save the file as 'CSV UTF-8' (or 'Unicode text') and run again.", e);
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

    /** Index of the column under any of its spellings; -1 when the header lacks it. */
    public int column(Column column) {
        for (String key : column.keys()) {
            Integer i = columns.get(key);
            if (i != null) {
                return i;
            }
        }
        return -1;
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
                    next = nextRecord(reader, name, 0);
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
     *                     after that read (Excel's "sep=" line): 1 for the header, else 0
     */
    private static CsvRecord nextRecord(CSVReader reader, String name, int skippedLines) {
        while (true) {
            // Lines read so far + 1 is where the next record starts, also after a multi-line one.
            int line = (int) reader.getLinesRead() + 1 + skippedLines;
            String[] cells;
            try {
                cells = reader.readNext();
            } catch (CsvMalformedLineException e) {
                throw new InputFileException(name, line, "a quoted field starting here is never closed, so the "
                        + "rest of the file cannot be read. Add the missing closing quote (\").", e);
            } catch (CharacterCodingException e) {
                throw undecodable(name, (int) reader.getLinesRead() + 1 + skippedLines, e);
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
