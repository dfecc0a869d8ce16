package io.wharf.storage;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordCodecTest {
    private static byte[] record(int sizeHint, String s) {
        return RecordCodec.write((byte) 7, sizeHint, out -> {
            RecordCodec.writeString(out, s);
            RecordCodec.writeNullable(out, null);
            out.writeLong(42);
        });
    }

    private static String read(byte[] value) {
        return RecordCodec.read(value, (byte) 7, "test", in -> {
            String s = RecordCodec.readString(in);
            assertThat(RecordCodec.readNullable(in)).isNull();
            assertThat(in.readLong()).isEqualTo(42);
            assertThat(in.read()).isEqualTo(-1);
            return s;
        });
    }

    @Test
    void anyHintGivesTheSameRecord() {
        int exact = 1 + RecordCodec.stringSizeHint("hello") + RecordCodec.nullableSizeHint(null) + 8;
        byte[] expected = record(exact, "hello");
        assertThat(expected).hasSize(exact);
        for (int hint : new int[]{0, 1, exact - 1, exact + 1, 4096}) {
            assertThat(record(hint, "hello")).as("hint %d", hint).isEqualTo(expected);
        }
        assertThat(RecordCodec.write((byte) 7, out -> {
            RecordCodec.writeString(out, "hello");
            RecordCodec.writeNullable(out, null);
            out.writeLong(42);
        })).isEqualTo(expected);
        assertThat(read(expected)).isEqualTo("hello");
    }

    @Test
    void hintsCountAsciiAndNonAsciiGrows() {
        assertThat(RecordCodec.stringSizeHint("abc")).isEqualTo(7);
        assertThat(RecordCodec.nullableSizeHint("abc")).isEqualTo(8);
        assertThat(RecordCodec.nullableSizeHint(null)).isEqualTo(1);
        byte[] wide = record(1 + RecordCodec.stringSizeHint("ü😀") + 1 + 8, "ü😀");
        assertThat(read(wide)).isEqualTo("ü😀");
    }

    @Test
    void anotherVersionIsRefused() {
        assertThatThrownBy(() -> RecordCodec.read(record(0, "x"), (byte) 8, "test", in -> null))
                .hasMessageContaining("unknown test record version 7");
    }
}
