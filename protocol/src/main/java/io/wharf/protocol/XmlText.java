package io.wharf.protocol;

import java.nio.charset.StandardCharsets;

/**
 * The characters XML 1.0 can carry (its {@code Char} production): tab, line feed, carriage return,
 * {@code [#x20-#xD7FF]}, {@code [#xE000-#xFFFD]}, {@code [#x10000-#x10FFFF]}. Nothing else may appear in an XML
 * document, not even as a character reference ({@code &#x1;} is as fatal to a parser as a raw U+0001), so text
 * outside this set can only be refused on the way in or replaced on the way out. SQS's rule for message bodies is
 * this same set.
 */
public final class XmlText {
    /** The set in the regular-expression form AWS's models write their patterns in. */
    public static final String PATTERN = "[\\u0009\\u000A\\u000D\\u0020-\\uD7FF\\uE000-\\uFFFD\\u10000-\\u10FFFF]*";
    /** From this length on, text is scanned eight chars at a time first ({@link #writableLatinPrefix}). */
    private static final int WORDWISE = 32;

    private XmlText() {
    }

    /** Whether XML 1.0 can carry code point {@code cp}. */
    public static boolean allowed(int cp) {
        return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF)
                || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
    }

    /**
     * The first code point of {@code text} XML cannot carry (an unpaired surrogate counts as itself), or -1 when
     * every one is allowed.
     */
    public static int firstUnwritable(String text) {
        int n = text.length();
        int i = n >= WORDWISE ? writableLatinPrefix(text) : 0;
        // the common case first, one char at a time: [#x20-#xD7FF] holds no surrogate and is always allowed
        while (i < n) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0xD7FF) {
                break;
            }
            i++;
        }
        while (i < n) {
            int cp = text.codePointAt(i);
            if (!allowed(cp)) {
                return cp;
            }
            i += Character.charCount(cp);
        }
        return -1;
    }

    /**
     * How many leading chars of {@code text} are Latin-1 and allowed, found eight at a time in its Latin-1 bytes
     * (a copy the JDK makes without encoding when the string is Latin-1 inside, as most bodies are). Every Latin-1
     * char from 0x20 on is allowed, so only words holding a control byte or a {@code ?} are looked at byte by byte:
     * tab, line feed and carriage return pass; any other control stops the scan, and so does a {@code ?} that the
     * text does not hold, as that is where the copy replaced a char Latin-1 lacks. Up to that point bytes and chars
     * correspond one to one, so the caller goes on char by char from there.
     */
    private static int writableLatinPrefix(String text) {
        byte[] latin = text.getBytes(StandardCharsets.ISO_8859_1);
        int i = 0;
        while (i + Long.BYTES <= latin.length) {
            long word = Swar.word(latin, i);
            if (!Swar.hasControl(word) && !Swar.hasQuestionMark(word)) {
                i += Long.BYTES;
                continue;
            }
            for (int end = i + Long.BYTES; i < end; i++) {
                int b = latin[i] & 0xff;
                if (b < 0x20 ? b != 0x9 && b != 0xA && b != 0xD : b == '?' && text.charAt(i) != '?') {
                    return i;
                }
            }
        }
        return i;
    }
}
