package dev.licensereconciler.report;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Streams CSV rows: UTF-8 without BOM, {@code \n} line ends (as the contract's example files),
 * every cell through {@link CsvCell#encode}. Rows go straight to a buffered writer, so a
 * million-row report never sits in memory as one string.
 */
public final class CsvRowWriter implements Closeable, Flushable {

    private final Writer out;

    public CsvRowWriter(Writer out) {
        this.out = out instanceof BufferedWriter ? out : new BufferedWriter(out);
    }

    public static CsvRowWriter create(Path file) throws IOException {
        return new CsvRowWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
    }

    public static CsvRowWriter open(OutputStream out) {
        return new CsvRowWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    }

    public CsvRowWriter row(List<String> cells) {
        try {
            for (int i = 0; i < cells.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write(CsvCell.encode(cells.get(i)));
            }
            out.write('\n');
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public CsvRowWriter row(String... cells) {
        return row(Arrays.asList(cells));
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
