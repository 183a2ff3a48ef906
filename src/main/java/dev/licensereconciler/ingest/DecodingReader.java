package dev.licensereconciler.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.HexFormat;

/**
 * Decodes a file's bytes and counts the lines of what it decoded, so that bytes the charset cannot
 * decode are reported on their own line. InputStreamReader decodes a buffer ahead of the parser,
 * which put such an error on the line the parser had reached (line 1 for a small file).
 * Lines end at LF, CR LF or a lone CR, as the CSV parser counts them.
 */
final class DecodingReader extends Reader {

    /** Bytes that do not decode, and the line they are on (the first line is 1). */
    static final class UndecodableBytesException extends CharacterCodingException {
        private final int line;
        private final String bytes;

        UndecodableBytesException(int line, String bytes) {
            this.line = line;
            this.bytes = bytes;
        }

        int line() {
            return line;
        }

        /** The offending bytes in hex, "0xE9 0x20". */
        String bytes() {
            return bytes;
        }

        @Override
        public String getMessage() {
            return "bytes " + bytes + " on line " + line + " do not decode";
        }
    }

    private final InputStream in;
    private final CharsetDecoder decoder;
    private final ByteBuffer bytes = ByteBuffer.allocate(64 * 1024);
    /** Chars decoded ahead for reads too small to decode into directly. */
    private final CharBuffer chars = CharBuffer.allocate(2);
    private boolean endOfInput;
    private boolean flushed;
    /** Lines completed in everything decoded so far. */
    private long lines;
    private boolean afterCr;

    DecodingReader(InputStream in, Charset charset) {
        this.in = in;
        this.decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        bytes.flip();
        chars.flip();
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!chars.hasRemaining() && len < 2) {
            // Too small for a supplementary character's two chars: decode ahead into the own buffer.
            chars.clear();
            decodeInto(chars);
            chars.flip();
        }
        if (chars.hasRemaining()) {
            int n = Math.min(len, chars.remaining());
            chars.get(buf, off, n);
            return n;
        }
        // The usual case (BufferedReader filling its buffer): decode straight into the caller's array.
        CharBuffer out = CharBuffer.wrap(buf, off, len);
        decodeInto(out);
        int n = out.position() - off;
        return n == 0 ? -1 : n;
    }

    /** Decodes at least one char into {@code out} unless the input is exhausted, counting line ends. */
    private void decodeInto(CharBuffer out) throws IOException {
        int start = out.position();
        while (out.position() == start && !flushed) {
            if (!endOfInput) {
                bytes.compact();
                int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
                if (n < 0) {
                    endOfInput = true;
                } else {
                    bytes.position(bytes.position() + n);
                }
                bytes.flip();
            }
            CoderResult result = decoder.decode(bytes, out, endOfInput);
            if (result.isError()) {
                count(out.array(), start, out.position());
                throw new UndecodableBytesException(lineNumber(lines + 1), hex(result.length()));
            }
            if (endOfInput && result.isUnderflow() && decoder.flush(out).isUnderflow()) {
                flushed = true;
            }
        }
        count(out.array(), start, out.position());
    }

    /** Counts the line ends among the decoded chars a[from..to). */
    private void count(char[] a, int from, int to) {
        long n = lines;
        boolean cr = afterCr;
        for (int i = from; i < to; i++) {
            char c = a[i];
            if (c > '\r') {
                cr = false;
            } else if (c == '\n') {
                if (!cr) {
                    n++;
                }
                cr = false;
            } else if (c == '\r') {
                n++;
                cr = true;
            } else {
                cr = false;
            }
        }
        lines = n;
        afterCr = cr;
    }

    private static int lineNumber(long line) {
        return (int) Math.min(line, Integer.MAX_VALUE);
    }

    private String hex(int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length && i < 4 && bytes.position() + i < bytes.limit(); i++) {
            sb.append(i == 0 ? "" : " ").append("0x").append(HexFormat.of().withUpperCase()
                    .toHexDigits(bytes.get(bytes.position() + i)));
        }
        return sb.toString();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
