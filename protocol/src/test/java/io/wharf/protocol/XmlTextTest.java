package io.wharf.protocol;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class XmlTextTest {
    @Test
    void everyAllowedRangeIsAllowed() {
        assertEquals(-1, XmlText.firstUnwritable(""));
        assertEquals(-1, XmlText.firstUnwritable("plain ascii ~\u007F"));
        assertEquals(-1, XmlText.firstUnwritable("\t\n\r tabs and breaks"));
        assertEquals(-1, XmlText.firstUnwritable("é ü \u07FF \uD7FF \uE000 \uFFFD"));
        assertEquals(-1, XmlText.firstUnwritable("a pair: \uD83D\uDE00 and after"));
    }

    @Test
    void theFirstRefusedCodePointIsReportedWhereverItIs() {
        assertEquals(0x0, XmlText.firstUnwritable("\u0000"));
        assertEquals(0x1, XmlText.firstUnwritable("abc\u0001def\u0002"));
        assertEquals(0x1F, XmlText.firstUnwritable("é\u001F"));
        assertEquals(0xFFFE, XmlText.firstUnwritable("ok \uFFFE"));
        assertEquals(0xFFFF, XmlText.firstUnwritable("\uE000\uFFFF"));
        // an unpaired surrogate counts as itself, after the fast ASCII run and after a valid pair
        assertEquals(0xD800, XmlText.firstUnwritable("abc\uD800"));
        assertEquals(0xDC00, XmlText.firstUnwritable("\uD83D\uDE00\uDC00"));
        assertEquals(0xD83D, XmlText.firstUnwritable("x\uD83Dy"));
    }

    @Test
    void longTextsAreJudgedAsCodePointByCodePoint() {
        // long runs take the eight-at-a-time scan: every special char at every offset of a word, then random mixes
        String[] specials = {"\u0000", "\u0001", "\t", "\n", "\r", "\u001F", "?", "\u007F", "\u00E9", "\u00FF",
                "\u0141", "\uD7FF", "\uE000", "\uFFFD", "\uFFFE", "\uFFFF", "\uD83D\uDE00", "\uD800", "\uDC00"};
        for (String special : specials) {
            for (int at = 0; at < 80; at++) {
                String text = "a".repeat(at) + special + "b".repeat(80 - at);
                assertEquals(reference(text), XmlText.firstUnwritable(text), () -> describe(text));
                String after = "x?y".repeat(20) + text + "\uD800";
                assertEquals(reference(after), XmlText.firstUnwritable(after), () -> describe(after));
            }
        }
        Random random = new Random(16);
        for (int round = 0; round < 20_000; round++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(200);
            while (text.length() < length) {
                text.append(random.nextInt(12) == 0 ? specials[random.nextInt(specials.length)]
                        : String.valueOf((char) (0x20 + random.nextInt(0x5F))));
            }
            String t = text.toString();
            assertEquals(reference(t), XmlText.firstUnwritable(t), () -> describe(t));
        }
    }

    /** The rule itself, code point by code point. */
    private static int reference(String text) {
        return text.codePoints().filter(cp -> !XmlText.allowed(cp)).findFirst().orElse(-1);
    }

    private static String describe(String text) {
        StringBuilder out = new StringBuilder();
        text.chars().forEach(c -> out.append(c >= 0x20 && c < 0x7F ? String.valueOf((char) c)
                : String.format("\\u%04X", c)));
        return out.toString();
    }
}
