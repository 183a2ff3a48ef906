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
    // --- issue 12: messages that help

    @Test
    void aHeaderLineLongerThanTheLimitFailsTheFileWithItsLengthAndTheLimit() {
        String header = "User principal name," + "x".repeat(10 * 1024 * 1024 - 20);
        Path f = TestFiles.excelUtf8(dir, "users.csv", header + "\nada@contoso.example,1\n");
        assertThatThrownBy(() -> CsvFile.open(f)).isInstanceOf(InputFileException.class)
                .hasMessageStartingWith("users.csv line 1: the header line is 10,485,760 characters long, more than "
                        + "the limit of 65,536 characters")
                .hasMessageNotContaining("Mark invalid");
    }

    @Test
    void aHeaderOfExactlyTheLimitIsRead() {
        String header = "Display name," + "x".repeat(InputLimit.HEADER_LINE.max() - 13);
        Path f = TestFiles.excelUtf8(dir, "users.csv", header + "\nAda,1\n");
        assertThat(column(f, NAME)).containsExactly("Ada");
    }

    @Test
    void aLongHeaderAfterExcelsSepHintIsMeasuredToo() {
        String header = "Display name;" + "x".repeat(InputLimit.HEADER_LINE.max());
        Path f = TestFiles.utf8(dir, "users.csv", "sep=;\n" + header + "\nAda;1\n");
        assertThatThrownBy(() -> CsvFile.open(f)).isInstanceOf(InputFileException.class)
                .hasMessageStartingWith("users.csv line 2: the header line is 65,549 characters long");
    }

    /** An admin-center export (BOM, CRLF) in which line 30 holds a name pasted in as Windows-1252. */
    private Path bomFileWithLatin1ByteOnLine(int badLine) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        out.writeBytes("Display name,City\r\n".getBytes(StandardCharsets.UTF_8));
        for (int line = 2; line < 200; line++) {
            if (line == badLine) {
                out.writeBytes(new byte[] {'Z', 'o', (byte) 0xEB, ',', 'G', 'e', 'n', 't', '\r', '\n'});
            } else {
                out.writeBytes(("Zoë Müller " + line + ",Zürich\r\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        return TestFiles.bytes(dir, "users.csv", out.toByteArray());
    }

    @Test
    void bytesABomFileCannotDecodeAreReportedOnTheirOwnLineWithWhatToDo() {
        Path f = bomFileWithLatin1ByteOnLine(30);
        assertThatThrownBy(() -> records(f)).isInstanceOf(InputFileException.class)
                .hasMessageStartingWith("users.csv line 30: this line holds bytes that are not valid UTF-8 (0xEB)")
                .hasMessageContaining("Save the file as UTF-8")
                .hasMessageNotContaining("MalformedInputException")
                .satisfies(e -> assertThat(((InputFileException) e).line()).isEqualTo(30));
    }

    @Test
    void undecodableBytesInTheHeaderAreReportedOnLineOne() {
        byte[] bytes = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'C', 'i', 't', (byte) 0xFF, '\r', '\n', 'x', '\r', '\n'};
        Path f = TestFiles.bytes(dir, "users.csv", bytes);
        assertThatThrownBy(() -> CsvFile.open(f)).isInstanceOf(InputFileException.class)
                .hasMessageStartingWith("users.csv line 1: this line holds bytes that are not valid UTF-8 (0xFF)");
    }

    @Test
    void anUnpairedSurrogateInAUnicodeTextFileIsReportedOnItsLine() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xFE});
        out.writeBytes("Display name\tCity\r\nAda\tGent\r\nBo".getBytes(StandardCharsets.UTF_16LE));
        out.writeBytes(new byte[] {0x00, (byte) 0xDC}); // a low surrogate with no high one before it
        out.writeBytes("\tGent\r\n".getBytes(StandardCharsets.UTF_16LE));
        Path f = TestFiles.bytes(dir, "users.csv", out.toByteArray());
        assertThatThrownBy(() -> records(f)).isInstanceOf(InputFileException.class)
                .hasMessageStartingWith("users.csv line 3: this line holds bytes that are not valid UTF-16LE");
    }

    @Test
    void aHeaderNamingTheUpnColumnTwiceIsRefusedNamingBothCellsAndPositions() {
        // An Active users export to which someone added their own "UPN" column at the end.
        Path f = TestFiles.excelUtf8(dir, "users.csv", UsersReaderTest.ADMIN_HEADER + ",UPN\n"
                + UsersReaderTest.adminRow("False", "Ada", "Unlicensed", "", "NL", "ada@contoso.example") + ",\n");
        try (CsvFile csv = CsvFile.open(f)) {
            assertThatThrownBy(() -> csv.require(UsersReader.UPN, UsersReader.REMEDY))
                    .isInstanceOf(InputFileException.class)
                    .hasMessage("users.csv line 1: the header names column 'User principal name' twice: "
                            + "'User principal name' (column 30) and 'UPN' (column 32). Delete or rename one of them, "
                            + "so that it is clear which one to read.");
        }
    }

    @Test
    void headersEqualAfterNormalisationAreOneColumnNamedTwice() {
        Path f = TestFiles.utf8(dir, "users.csv", "Display name,City,display_name,CITY\nAda,Gent,Ada,Gent\n");
        try (CsvFile csv = CsvFile.open(f)) {
            assertThatThrownBy(() -> csv.column(NAME)).isInstanceOf(InputFileException.class)
                    .hasMessageContaining("'Display name' (column 1) and 'display_name' (column 3)");
        }
    }

    @Test
    void aRepeatedColumnNoReaderAsksForIsIgnored() {
        Path f = TestFiles.utf8(dir, "users.csv", "Display name,Phone,Phone\nAda,1,2\n");
        assertThat(column(f, NAME)).containsExactly("Ada");
    }

    @Test
    void aColumnInAnotherFormBesideTheColumnItselfIsNoDuplicate() {
        // Graph's subscribedSkus, flattened: skuId (a GUID) and skuPartNumber (the String_Id) side by side.
        Path f = TestFiles.utf8(dir, "purchases.csv", """
                skuId,skuPartNumber,capabilityStatus,enabledUnits
                efccb6f7-5641-4e0e-bd10-b4976e1bf68e,EMS,Enabled,5
                """);
        assertThat(column(f, Skus.SKU)).containsExactly("EMS");
        Path g = TestFiles.utf8(dir, "purchases2.csv", "skuId,enabledUnits\nefccb6f7-5641-4e0e-bd10-b4976e1bf68e,5\n");
        assertThat(column(g, Skus.SKU)).containsExactly("efccb6f7-5641-4e0e-bd10-b4976e1bf68e");
        Path h = TestFiles.utf8(dir, "purchases3.csv", "skuPartNumber,sku,enabledUnits\nEMS,EMS,5\n");
        try (CsvFile csv = CsvFile.open(h)) {
            assertThatThrownBy(() -> csv.column(Skus.SKU)).isInstanceOf(InputFileException.class)
                    .hasMessageContaining("'skuPartNumber' (column 1) and 'sku' (column 2)");
        }
    }

    @Test
    void aFileNameLongerThanTheRunCanStoreFailsTheFile() {
        String name = "requests-" + "x".repeat(300) + ".csv";
        assertThatThrownBy(() -> CsvFile.open(name, () -> new java.io.ByteArrayInputStream("user\n".getBytes())))
                .isInstanceOf(InputFileException.class)
                .hasMessageContaining("the file's name is 313 characters long, more than the limit of 260 characters");
    }
}
