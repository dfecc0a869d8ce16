package io.wharf.protocol;

/** UTF-8 arithmetic on strings without encoding them: the sizes AWS's limits are counted in. */
public final class Utf8 {
    private Utf8() {
    }

    /**
     * The number of bytes {@code s.getBytes(UTF_8)} would have, counted without making them: one per ASCII
     * character, two up to U+07FF, four per surrogate pair, three otherwise; a lone surrogate counts one, as the
     * encoder's replacement {@code ?} does.
     */
    public static long length(CharSequence s) {
        long bytes = 0;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                bytes++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
