package io.wharf.protocol;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Eight bytes at a time: the scans of text the codecs and validators make over bodies of many KiB (JSON escapes,
 * XML's character set).
 */
public final class Swar {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long QUOTES = 0x2222222222222222L;
    private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;
    private static final long QUESTION_MARKS = 0x3F3F3F3F3F3F3F3FL;

    private Swar() {
    }

    /** The eight bytes at {@code at}, the first in the lowest bits. */
    public static long word(byte[] bytes, int at) {
        return (long) LONGS.get(bytes, at);
    }

    /** Whether one of the word's eight bytes equals the byte {@code pattern} repeats (the classic SWAR test). */
    public static boolean hasByte(long word, long pattern) {
        long x = word ^ pattern;
        return ((x - ONES) & ~x & HIGHS) != 0;
    }

    /** Whether one of the word's eight bytes is below 0x20 (a control character); 0x80 and up do not count. */
    public static boolean hasControl(long word) {
        return ((word - 0x2020202020202020L) & ~word & HIGHS) != 0;
    }

    /** Whether the word holds a {@code ?}. */
    public static boolean hasQuestionMark(long word) {
        return hasByte(word, QUESTION_MARKS);
    }

    /** Whether the word holds a {@code "} or a {@code \}. */
    public static boolean hasQuoteOrBackslash(long word) {
        return hasByte(word, QUOTES) || hasByte(word, BACKSLASHES);
    }

    /**
     * Whether any of {@code bytes} is one a JSON string must escape: a quote, a backslash or a control character
     * below 0x20; bytes from 0x80 on count as needing it too (callers hand in ASCII only).
     */
    public static boolean needsJsonEscape(byte[] bytes) {
        int i = 0;
        for (; i + Long.BYTES <= bytes.length; i += Long.BYTES) {
            long word = word(bytes, i);
            // a byte below 0x20, or from 0x80 on: (b - 0x20) borrows into the high bit, or b has it already
            if ((((word - 0x2020202020202020L) | word) & HIGHS) != 0 || hasQuoteOrBackslash(word)) {
                return true;
            }
        }
        for (; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            if (b < 0x20 || b >= 0x80 || b == '"' || b == '\\') {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code bytes} holds a {@code ?} (what {@code String.getBytes} puts for a char it cannot encode). */
    public static boolean hasQuestionMark(byte[] bytes) {
        int i = 0;
        for (; i + Long.BYTES <= bytes.length; i += Long.BYTES) {
            if (hasQuestionMark(word(bytes, i))) {
                return true;
            }
        }
        for (; i < bytes.length; i++) {
            if (bytes[i] == '?') {
                return true;
            }
        }
        return false;
    }
}
