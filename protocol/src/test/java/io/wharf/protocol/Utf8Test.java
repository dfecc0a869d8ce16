package io.wharf.protocol;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class Utf8Test {
    @Test
    void countsWhatTheEncoderWouldWrite() {
        for (String s : List.of("", "abc", "é", "\u07FF", "\u0800", "€uro", "\uFFFD", "😀", "a😀b", "\uD83D", "\uDE00x",
                "\uDE00\uD83D", "x\uD83D")) {
            assertThat(Utf8.length(s)).as(s).isEqualTo(s.getBytes(StandardCharsets.UTF_8).length);
        }
    }

    @Test
    void agreesWithTheEncoderOnRandomText() {
        Random random = new Random(42);
        for (int round = 0; round < 2_000; round++) {
            char[] chars = new char[random.nextInt(40)];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = (char) (random.nextBoolean() ? random.nextInt(0x100) : random.nextInt(0x10000));
            }
            String s = new String(chars);
            assertThat(Utf8.length(s)).as(s).isEqualTo(s.getBytes(StandardCharsets.UTF_8).length);
        }
    }
}
