package dev.licensereconciler.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * How a CSV file's bytes are to be decoded, decided before parsing: a byte-order mark wins;
 * without one, a streaming scan tells UTF-8 from Windows-1252 (what Excel writes on "CSV"),
 * so a large file is never decoded twice. NUL bytes without a UTF-16 BOM are an encoding no
 * spreadsheet user can fix by guessing, so they fail the file.
 */
record TextEncoding(Charset charset, int bomLength) {

    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    static TextEncoding detect(String fileName, CsvFile.Opener opener) {
        try (InputStream in = opener.open()) {
            byte[] head = in.readNBytes(3);
            if (head.length >= 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF) {
                return new TextEncoding(StandardCharsets.UTF_8, 3);
            }
            if (head.length >= 2 && (head[0] & 0xff) == 0xFF && (head[1] & 0xff) == 0xFE) {
                return new TextEncoding(StandardCharsets.UTF_16LE, 2);
            }
            if (head.length >= 2 && (head[0] & 0xff) == 0xFE && (head[1] & 0xff) == 0xFF) {
                return new TextEncoding(StandardCharsets.UTF_16BE, 2);
            }
            Utf8Scan scan = new Utf8Scan();
            scan.feed(head, head.length, fileName);
            byte[] buf = new byte[256 * 1024];
            int n;
            while ((n = in.read(buf)) > 0) {
                scan.feed(buf, n, fileName);
            }
            if (scan.validUtf8()) {
                return new TextEncoding(StandardCharsets.UTF_8, 0);
            }
            if (scan.firstUndefinedIn1252 > 0) {
                throw new InputFileException(fileName, scan.firstUndefinedIn1252, "the file is neither UTF-8 nor "
                        + "Windows-1252: it holds bytes that neither encoding defines. Save it again as 'CSV UTF-8'.");
            }
            return new TextEncoding(WINDOWS_1252, 0);
        } catch (IOException e) {
            throw new InputFileException(fileName, 0, "the file cannot be read (" + e.getMessage()
                    + "). Check that it exists and that the job may read it.", e);
        }
    }

    /** UTF-8 validity as a small state machine over chunks; also spots NUL bytes. */
    private static final class Utf8Scan {
        private int pending;
        private boolean valid = true;
        private int line = 1;
        /** Line of the first byte Windows-1252 leaves undefined; it may still be a UTF-8 continuation byte. */
        private int firstUndefinedIn1252;

        void feed(byte[] buf, int n, String fileName) {
            for (int i = 0; i < n; i++) {
                byte signed = buf[i];
                if (signed > 0 && pending == 0) {
                    // Fast path: plain ASCII other than NUL, nothing pending (almost every byte of an export).
                    if (signed == '\n') {
                        line++;
                    }
                    continue;
                }
                int b = signed & 0xff;
                if (b == 0) {
                    throw new InputFileException(fileName, line, "the file contains NUL bytes, so it is neither "
                            + "UTF-8 nor Windows-1252 (probably UTF-16 saved without a byte-order mark). "
                            + "Save it again as 'CSV UTF-8' or as 'Unicode text'.");
                }
                if (b == '\n') {
                    line++;
                } else if (firstUndefinedIn1252 == 0 && (b == 0x81 || b == 0x8D || b == 0x8F || b == 0x90 || b == 0x9D)) {
                    firstUndefinedIn1252 = line;
                }
                if (!valid) {
                    continue;
                }
                if (pending > 0) {
                    if ((b & 0xC0) == 0x80) {
                        pending--;
                    } else {
                        valid = false;
                    }
                } else if (b >= 0x80) {
                    if (b >= 0xC2 && b <= 0xDF) {
                        pending = 1;
                    } else if (b >= 0xE0 && b <= 0xEF) {
                        pending = 2;
                    } else if (b >= 0xF0 && b <= 0xF4) {
                        pending = 3;
                    } else {
                        valid = false;
                    }
                }
            }
        }

        boolean validUtf8() {
            return valid && pending == 0;
        }
    }
}
