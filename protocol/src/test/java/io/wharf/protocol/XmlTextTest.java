package io.wharf.protocol;

import org.junit.jupiter.api.Test;

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
}
