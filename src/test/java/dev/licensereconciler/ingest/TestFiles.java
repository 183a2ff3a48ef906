package dev.licensereconciler.ingest;

import dev.licensereconciler.domain.Catalog;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes test files byte for byte the way Excel and the admin center save them. */
final class TestFiles {

    static final Charset CP1252 = Charset.forName("windows-1252");
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final byte[] UTF16LE_BOM = {(byte) 0xFF, (byte) 0xFE};
    private static final byte[] UTF16BE_BOM = {(byte) 0xFE, (byte) 0xFF};

    private TestFiles() {
    }

    /** UTF-8 without BOM, lines as given. */
    static Path utf8(Path dir, String name, String text) {
        return write(dir, name, new byte[0], text, StandardCharsets.UTF_8);
    }

    /** Excel "CSV UTF-8": BOM, CRLF line ends. */
    static Path excelUtf8(Path dir, String name, String text) {
        return write(dir, name, UTF8_BOM, crlf(text), StandardCharsets.UTF_8);
    }

    /** Excel "Unicode text": UTF-16LE with BOM, tab-separated, CRLF. */
    static Path excelUnicodeText(Path dir, String name, String text) {
        return write(dir, name, UTF16LE_BOM, crlf(text), StandardCharsets.UTF_16LE);
    }

    static Path utf16be(Path dir, String name, String text) {
        return write(dir, name, UTF16BE_BOM, text, StandardCharsets.UTF_16BE);
    }

    /** Excel "CSV (;-separated)" on a European Windows: Windows-1252, CRLF, no BOM. */
    static Path excelWindows1252(Path dir, String name, String text) {
        return write(dir, name, new byte[0], crlf(text), CP1252);
    }

    static Path bytes(Path dir, String name, byte[] content) {
        try {
            return Files.write(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String crlf(String text) {
        return text.replace("\r\n", "\n").replace("\n", "\r\n");
    }

    private static Path write(Path dir, String name, byte[] bom, String text, Charset charset) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(bom);
        out.writeBytes(text.getBytes(charset));
        return bytes(dir, name, out.toByteArray());
    }

    /**
     * A small catalog with the real products' names and quirks: '+' inside a display name and one
     * display name shared by two products.
     */
    static Catalog catalog() {
        return Catalog.builder()
                .row("Office 365 E3", "ENTERPRISEPACK", "6fd2c87f-b296-42f0-b197-1e91e994b900", "EXCHANGE_S_ENTERPRISE",
                        "efb87545-963c-4e0d-99df-69c6916d9eb0", "EXCHANGE ONLINE (PLAN 2)")
                .row("Office 365 E3", "ENTERPRISEPACK", "6fd2c87f-b296-42f0-b197-1e91e994b900", "SWAY",
                        "a23b959c-7ce8-4e57-9140-b90eb88a9e97", "SWAY")
                .row("Office 365 E3", "ENTERPRISEPACK", "6fd2c87f-b296-42f0-b197-1e91e994b900", "YAMMER_ENTERPRISE",
                        "7547a3fe-08ee-4ccb-b430-5077c5041653", "YAMMER_ENTERPRISE")
                .row("Office 365 E3", "ENTERPRISEPACK", "6fd2c87f-b296-42f0-b197-1e91e994b900", "TEAMS1",
                        "57ff2da0-773e-42df-b2af-ffb7a2317929", "MICROSOFT TEAMS")
                .row("Office 365 E1", "STANDARDPACK", "18181a46-0d4e-45cd-891e-60aabd171b4e", "EXCHANGE_S_STANDARD",
                        "9aaf7827-d63c-4b61-89c3-182f06f82e5c", "EXCHANGE ONLINE (PLAN 1)")
                .row("Enterprise Mobility + Security E3", "EMS", "efccb6f7-5641-4e0e-bd10-b4976e1bf68e", "INTUNE_A",
                        "c1ec4a95-1f05-45b3-a911-aa3fa01094f5", "MICROSOFT INTUNE")
                .row("Microsoft 365 E3", "SPE_E3", "05e9a617-0261-4cee-bb44-138d3ef5d965", "TEAMS1",
                        "57ff2da0-773e-42df-b2af-ffb7a2317929", "MICROSOFT TEAMS")
                .row("Microsoft Teams Exploratory", "TEAMS_EXPLORATORY", "710779e8-3d4a-4c88-adb9-386c958d1fdf",
                        "TEAMS1", "57ff2da0-773e-42df-b2af-ffb7a2317929", "MICROSOFT TEAMS")
                .row("Microsoft 365 Business Basic", "O365_BUSINESS_ESSENTIALS", "3b555118-da6a-4418-894f-7df1e2096870",
                        "", "", "")
                .row("Microsoft 365 Business Basic", "SMB_BUSINESS_ESSENTIALS", "b214fe43-f5a3-4703-beeb-fa97188220fc",
                        "", "", "")
                .build();
    }
}
