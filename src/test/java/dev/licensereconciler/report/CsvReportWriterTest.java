package dev.licensereconciler.report;

import com.opencsv.CSVReader;
import dev.licensereconciler.domain.ErrorCode;
import dev.licensereconciler.domain.LicenseResult;
import dev.licensereconciler.domain.Outcome;
import dev.licensereconciler.domain.Plans;
import dev.licensereconciler.domain.Problem;
import dev.licensereconciler.domain.ReconciliationResult;
import dev.licensereconciler.domain.Shortfall;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CsvReportWriterTest {

    private final CsvReportWriter writer = new CsvReportWriter();

    @TempDir
    Path dir;

    @Test
    void writesTheWorkedExampleByteForByte() throws Exception {
        ReconciliationResult result = new ReconciliationResult(ExampleFiles.actions(), ExampleFiles.results(),
                List.of(), ExampleFiles.shortfalls(), 1);

        writer.writeAll(dir, result, List.of());

        assertThat(Files.readAllBytes(dir.resolve("actions.csv"))).isEqualTo(ExampleFiles.bytes("actions.csv"));
        assertThat(Files.readAllBytes(dir.resolve("results.csv"))).isEqualTo(ExampleFiles.bytes("results.csv"));
        assertThat(Files.readAllBytes(dir.resolve("shortfall.csv"))).isEqualTo(ExampleFiles.bytes("shortfall.csv"));
        assertThat(Files.readString(dir.resolve("errors.csv"))).isEqualTo("file,line,user,sku,code,message,fix\n");
    }

    @Test
    void errorsListInputProblemsByFileAndLineThenRefusalsInGivenOrder() throws Exception {
        List<String[]> expected = ExampleFiles.rows("errors.csv");
        List<Problem> input = expected.stream().filter(r -> !r[0].isEmpty())
                .map(r -> Problem.inFile(r[0], Integer.parseInt(r[1]), ErrorCode.valueOf(r[4]), "msg", "fix"))
                .toList();
        List<Problem> refusals = expected.stream().filter(r -> r[0].isEmpty())
                .map(r -> Problem.refusal(r[2], r[3], ErrorCode.valueOf(r[4]), "msg", "fix"))
                .toList();
        List<Problem> shuffledInput = List.of(input.get(2), input.get(0), input.get(1));

        writer.writeErrors(dir, shuffledInput, refusals);

        List<String[]> written = read(dir.resolve("errors.csv"));
        assertThat(written.get(0)).containsExactly("file", "line", "user", "sku", "code", "message", "fix");
        assertThat(written.subList(1, written.size()))
                .extracting(r -> String.join(",", Arrays.copyOf(r, 5)))
                .containsExactlyElementsOf(expected.stream().map(r -> String.join(",", r)).toList());
    }

    @Test
    void inputProblemsWithTheSameFileAndLineKeepTheirReaderOrder() throws Exception {
        List<Problem> input = List.of(
                Problem.inFile("users.csv", 5, ErrorCode.INVALID_ROW, "second seen", ""),
                Problem.inFile("purchases.csv", 3, ErrorCode.UNKNOWN_SKU, "first file", ""),
                Problem.inFile("users.csv", 5, ErrorCode.DUPLICATE_ROW, "third seen", ""));

        writer.writeErrors(dir, input, List.of());

        assertThat(read(dir.resolve("errors.csv"))).extracting(r -> r[5])
                .containsExactly("message", "first file", "second seen", "third seen");
    }

    @Test
    void messagesWithCommasQuotesAndLineBreaksAreQuotedAndReadBack() throws Exception {
        String message = "Row says \"E5, please\"\nbut no such product";
        writer.writeErrors(dir,
                List.of(Problem.inFile("requests.csv", 7, ErrorCode.UNKNOWN_SKU, message, "Correct the SKU")), List.of());

        String text = Files.readString(dir.resolve("errors.csv"));
        assertThat(text).isEqualTo("file,line,user,sku,code,message,fix\n"
                + "requests.csv,7,,,UNKNOWN_SKU,\"Row says \"\"E5, please\"\"\nbut no such product\",Correct the SKU\n");
        assertThat(read(dir.resolve("errors.csv")).get(1)[5]).isEqualTo(message);
    }

    @Test
    void formulaLookingCellsAreNeutralisedButNumbersAndOrdinaryTextStay() throws Exception {
        Shortfall evil = new Shortfall("EVIL", "=HYPERLINK(\"http://x\",\"click\")", 0, 0, 0, 1, 1, 0,
                List.of("@boss@contoso.example", "ok@contoso.example"), new BigDecimal("-1.50"), "-EUR",
                new BigDecimal("1E+3"));

        writer.write(dir, ReportRows.SHORTFALL, List.of(evil));

        String row = Files.readString(dir.resolve("shortfall.csv")).split("\n")[1];
        assertThat(row).isEqualTo("EVIL,\"'=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\",0,0,0,1,1,0,"
                + "'@boss@contoso.example;ok@contoso.example,-1.50,'-EUR,1000");
    }

    @Test
    void everyRiskyFirstCharacterIsNeutralised() {
        for (String risky : List.of("=1+1", "+cmd", "-cmd", "@SUM(A1)", "\tx", "\rx")) {
            assertThat(CsvCell.neutralise(risky)).isEqualTo("'" + risky);
        }
        assertThat(CsvCell.encode("\rx")).isEqualTo("\"'\rx\"");
        assertThat(CsvCell.neutralise("-12")).isEqualTo("-12");
        assertThat(CsvCell.neutralise("+3.25")).isEqualTo("+3.25");
        assertThat(CsvCell.neutralise("Enterprise Mobility + Security E3")).isEqualTo("Enterprise Mobility + Security E3");
        assertThat(CsvCell.neutralise(null)).isEmpty();
    }

    @Test
    void writesUtf8WithoutBom() throws Exception {
        writer.write(dir, ReportRows.RESULTS,
                List.of(new LicenseResult("jürgen.öztürk@contoso.example", "EMS", Outcome.KEEP, null, Plans.none())));

        byte[] bytes = Files.readAllBytes(dir.resolve("results.csv"));
        assertThat(bytes[0]).isEqualTo((byte) 'u');
        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("jürgen.öztürk@contoso.example,EMS,KEEP,,\n");
    }

    @Test
    void streamsRowsFromALazySourceWithoutHoldingThem() throws Exception {
        int rows = 200_000;
        Iterable<LicenseResult> lazy = () -> new Iterator<>() {
            private int i;

            public boolean hasNext() {
                return i < rows;
            }

            public LicenseResult next() {
                return new LicenseResult("user" + i++ + "@contoso.example", "EMS", Outcome.ASSIGN, null, Plans.none());
            }
        };
        CountingStream out = new CountingStream();

        writer.write(out, ReportRows.RESULTS, lazy);

        assertThat(out.lines).isEqualTo(rows + 1);
    }

    private static List<String[]> read(Path file) throws Exception {
        try (CSVReader csv = new CSVReader(new StringReader(Files.readString(file)))) {
            return csv.readAll();
        }
    }

    /** Counts lines instead of keeping bytes, so the test itself stays small. */
    private static final class CountingStream extends OutputStream {
        long lines;

        @Override
        public void write(int b) {
            if (b == '\n') {
                lines++;
            }
        }
    }
}
