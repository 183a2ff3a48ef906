package dev.licensereconciler.ingest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvFileTest {

    private static final Column NAME = Column.of("Display name", "displayName");
    private static final Column CITY = Column.of("City");

    @TempDir
    Path dir;

    private static List<CsvRecord> records(Path file) {
        try (CsvFile csv = CsvFile.open(file)) {
            List<CsvRecord> list = new ArrayList<>();
            csv.forEach(list::add);
            return list;
        }
    }

    private static List<String> column(Path file, Column column) {
        try (CsvFile csv = CsvFile.open(file)) {
            int i = csv.column(column);
            List<String> values = new ArrayList<>();
            csv.forEach(r -> values.add(r.get(i)));
            return values;
        }
    }

    @Test
    void excelUtf8WithBomAndCrlfMatchesTheFirstHeaderAndKeepsAccents() {
        Path f = TestFiles.excelUtf8(dir, "users.csv", "Display name,City\nZoë Müller,Zürich\n");
        try (CsvFile csv = CsvFile.open(f)) {
            assertThat(csv.charset()).isEqualTo(StandardCharsets.UTF_8);
            assertThat(csv.column(NAME)).isZero();
        }
        assertThat(column(f, NAME)).containsExactly("Zoë Müller");
        assertThat(column(f, CITY)).containsExactly("Zürich");
    }

    @Test
    void excelsSepHintNamesTheSeparatorAndIsNotTheHeader() {
        // European Excel writes "sep=;" first so that other locales open the file right.
        Path f = TestFiles.utf8(dir, "users.csv", "sep=;\nDisplay name;City\nMüller, Zoë;Köln\nAda;Gent\n");
        try (CsvFile csv = CsvFile.open(f)) {
            assertThat(csv.separator()).isEqualTo(';');
            assertThat(csv.headerLine()).isEqualTo(2);
            assertThat(csv.column(CITY)).isEqualTo(1);
            assertThat(csv.iterator().next().line()).as("first record starts on line 3").isEqualTo(3);
        }
        assertThat(column(f, NAME)).containsExactly("Müller, Zoë", "Ada");
    }

    @Test
    void utf8WithoutBomIsRecognisedByItsBytes() {
        Path f = TestFiles.utf8(dir, "users.csv", "displayName\nZoë\n");
        assertThat(column(f, NAME)).containsExactly("Zoë");
    }

    @Test
    void excelUnicodeTextIsUtf16LittleEndianWithTabs() {
        Path f = TestFiles.excelUnicodeText(dir, "users.csv", "City\tDisplay name\nKöln\tZoë, Müller\n");
        try (CsvFile csv = CsvFile.open(f)) {
            assertThat(csv.separator()).isEqualTo('\t');
            assertThat(csv.charset()).isEqualTo(StandardCharsets.UTF_16LE);
        }
        assertThat(column(f, NAME)).containsExactly("Zoë, Müller");
    }

    @Test
    void utf16BigEndianWithBom() {
        Path f = TestFiles.utf16be(dir, "users.csv", "Display name;City\nZoë;Genève\n");
        assertThat(column(f, CITY)).containsExactly("Genève");
    }

    @Test
    void europeanExcelIsWindows1252WithSemicolons() {
        Path f = TestFiles.excelWindows1252(dir, "users.csv", "Display name;City\nZoë Müller;Düsseldorf, Altstadt\n");
        try (CsvFile csv = CsvFile.open(f)) {
            assertThat(csv.separator()).isEqualTo(';');
            assertThat(csv.charset().name()).isEqualTo("windows-1252");
        }
        assertThat(column(f, NAME)).containsExactly("Zoë Müller");
        assertThat(column(f, CITY)).containsExactly("Düsseldorf, Altstadt");
    }

    @Test
    void quotedFieldsHoldSeparatorsQuotesAndLineBreaksAndLinesCountFromTheRecordStart() {
        Path f = TestFiles.excelUtf8(dir, "users.csv", "Display name,City\n"
                + "\"Jansen, Chris\",\"He said \"\"hi\"\"\"\n"
                + "\"Two\nlines\",C:\\temp\\new\n"
                + "Last,Amsterdam\n");
        List<CsvRecord> rows = records(f);
        assertThat(rows).extracting(CsvRecord::line).containsExactly(2, 3, 5);
        assertThat(rows.get(0).get(0)).isEqualTo("Jansen, Chris");
        assertThat(rows.get(0).get(1)).isEqualTo("He said \"hi\"");
        assertThat(rows.get(1).get(0)).isEqualTo("Two\nlines");
        assertThat(rows.get(1).get(1)).isEqualTo("C:\\temp\\new");
    }

    @Test
    void blankLinesAreSkippedButCounted() {
        Path f = TestFiles.utf8(dir, "users.csv", "Display name,City\n\nA,x\n  \n,\nB,y\n");
        assertThat(records(f)).extracting(CsvRecord::line).containsExactly(3, 6);
    }

    @Test
    void cellsAreTrimmedAndShortRecordsReadAsEmpty() {
        Path f = TestFiles.utf8(dir, "users.csv", "Display name,City\n  Anna  \n");
        assertThat(column(f, NAME)).containsExactly("Anna");
        assertThat(column(f, CITY)).containsExactly("");
    }

    @Test
    void headersMatchIgnoringCaseSpacesUnderscoresDotsHyphensAndSlashes() {
        Path f = TestFiles.utf8(dir, "users.csv", "Extra,DISPLAY_NAME,country/region\nx,Anna,NL\n");
        assertThat(column(f, NAME)).containsExactly("Anna");
        assertThat(column(f, Column.of("Country-Region"))).containsExactly("NL");
        assertThat(column(f, Column.of("display.name"))).containsExactly("Anna");
    }

    @Test
    void separatorIsTheMostFrequentOutsideQuotes() {
        Path f = TestFiles.utf8(dir, "x.csv", "\"a,b,c\";d;e\n1;2;3\n");
        try (CsvFile csv = CsvFile.open(f)) {
            assertThat(csv.separator()).isEqualTo(';');
            assertThat(csv.column(Column.of("a,b,c"))).isZero();
        }
    }

    @Test
    void aMissingRequiredColumnFailsTheFileNamingFileLineColumnAndRemedy() {
        Path f = TestFiles.utf8(dir, "users.csv", "Display name\nAnna\n");
        try (CsvFile csv = CsvFile.open(f)) {
            assertThatThrownBy(() -> csv.require(UsersReader.UPN, UsersReader.REMEDY))
                    .isInstanceOf(InputFileException.class)
                    .hasMessage("users.csv line 1: required column 'User principal name' (or userPrincipalName, upn) "
                            + "is missing. " + UsersReader.REMEDY)
                    .satisfies(e -> {
                        assertThat(((InputFileException) e).file()).isEqualTo("users.csv");
                        assertThat(((InputFileException) e).line()).isEqualTo(1);
                    });
        }
    }

    @Test
    void nulBytesWithoutBomFailTheFile() {
        Path f = TestFiles.bytes(dir, "users.csv", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_16LE));
        assertThatThrownBy(() -> CsvFile.open(f)).isInstanceOf(InputFileException.class)
                .hasMessageContaining("users.csv line 1").hasMessageContaining("NUL bytes");
    }

    @Test
    void bytesThatNoCandidateEncodingDecodesFailTheFileAtTheirLine() {
        byte[] content = {'a', '\n', 'x', '\n', (byte) 0x81, '\n'};
        Path f = TestFiles.bytes(dir, "users.csv", content);
        assertThatThrownBy(() -> records(f)).isInstanceOf(InputFileException.class)
                .hasMessageContaining("users.csv line 3").hasMessageContaining("neither UTF-8 nor Windows-1252");
    }

    @Test
    void anEmptyFileFails() {
        Path f = TestFiles.excelUtf8(dir, "users.csv", "\n\n");
        assertThatThrownBy(() -> CsvFile.open(f)).isInstanceOf(InputFileException.class)
                .hasMessageContaining("users.csv: the file is empty");
    }

    @Test
    void aHeaderOnlyFileHasNoRecords() {
        assertThat(records(TestFiles.utf8(dir, "users.csv", "Display name\n"))).isEmpty();
    }

    @Test
    void anUnclosedQuoteFailsTheFileAtTheRecordWhereItStarts() {
        Path f = TestFiles.utf8(dir, "users.csv", "Display name,City\nA,x\n\"B,y\nC,z\n");
        assertThatThrownBy(() -> records(f)).isInstanceOf(InputFileException.class)
                .hasMessageContaining("users.csv line 3").hasMessageContaining("never closed");
    }

    @Test
    void aMissingFileFails() {
        assertThatThrownBy(() -> CsvFile.open(dir.resolve("users.csv"))).isInstanceOf(InputFileException.class)
                .hasMessageContaining("users.csv: the file does not exist");
    }
}
