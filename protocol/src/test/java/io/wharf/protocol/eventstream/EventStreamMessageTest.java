package io.wharf.protocol.eventstream;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventStreamMessageTest {

    /** One string header and a payload, checked byte by byte against the documented layout. */
    @Test
    void layoutIsPreludeHeadersPayloadAndCrcs() {
        byte[] bytes = new EventStreamMessage(Map.of("a", "b"), "hi".getBytes(StandardCharsets.UTF_8)).encode();
        // total = 12 prelude + (1 + 1 + 1 + 2 + 1) headers + 2 payload + 4 crc = 24
        assertThat(ByteBuffer.wrap(bytes).getInt(0)).isEqualTo(24);
        assertThat(ByteBuffer.wrap(bytes).getInt(4)).isEqualTo(6);
        assertThat(HexFormat.of().formatHex(bytes, 12, 18)).isEqualTo("01" + "61" + "07" + "0001" + "62");
        assertThat(new String(bytes, 18, 2, StandardCharsets.UTF_8)).isEqualTo("hi");
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(bytes, 0, 8);
        assertThat(ByteBuffer.wrap(bytes).getInt(8)).isEqualTo((int) crc.getValue());
    }

    /** The empty message of AWS's public test vectors: 16 bytes, known CRCs. */
    @Test
    void theEmptyMessageMatchesAwssTestVector() {
        byte[] bytes = new EventStreamMessage(Map.of(), new byte[0]).encode();
        assertThat(HexFormat.of().formatHex(bytes)).isEqualTo("000000100000000005c248eb7d98c8ff");
    }

    @Test
    void roundTripsAndStreamsOfMessagesSplitAnywhere() {
        Random random = new Random(7);
        ByteBuffer all = ByteBuffer.allocate(1 << 20);
        EventStreamMessage[] sent = new EventStreamMessage[20];
        for (int i = 0; i < sent.length; i++) {
            byte[] payload = new byte[random.nextInt(5000)];
            random.nextBytes(payload);
            sent[i] = EventStreamMessage.event("SubscribeToShardEvent", "application/x-amz-cbor-1.1", payload);
            all.put(sent[i].encode());
        }
        all.flip();
        for (EventStreamMessage expected : sent) {
            EventStreamMessage got = EventStreamMessage.decode(all);
            assertThat(got.headers()).isEqualTo(expected.headers());
            assertThat(got.payload()).isEqualTo(expected.payload());
        }
        assertThat(EventStreamMessage.decode(all)).isNull();

        byte[] one = sent[3].encode();
        assertThat(EventStreamMessage.decode(ByteBuffer.wrap(one, 0, one.length - 1))).isNull(); // not whole yet
    }

    @Test
    void aFlippedBitIsCaught() {
        byte[] bytes = EventStreamMessage.error("InternalFailure", "boom").encode();
        bytes[bytes.length - 6] ^= 1;
        assertThatThrownBy(() -> EventStreamMessage.decode(ByteBuffer.wrap(bytes)))
                .hasMessageContaining("CRC");
        assertThat(EventStreamMessage.decode(ByteBuffer.wrap(EventStreamMessage.error("E", "m").encode())).headers())
                .containsEntry(":message-type", "error").containsEntry(":error-code", "E");
    }

    /** Fuzzing finding F3: a header longer than the headers section was a BufferUnderflowException. */
    @Test
    void aHeaderRunningPastTheHeadersSectionIsMalformedNotAnUnderflow() {
        byte[] bytes = EventStreamMessage.error("E", "m").encode();
        bytes[12] = (byte) 200; // the first header's name length, now past the end of the headers
        assertThatThrownBy(() -> EventStreamMessage.decode(ByteBuffer.wrap(withCrcs(bytes))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("runs past");
    }

    @Test
    void aPreludeClaimingMoreThan16MiBIsRefusedBeforeWaitingForIt() {
        ByteBuffer prelude = ByteBuffer.allocate(16).putInt(EventStreamMessage.MAX_MESSAGE_BYTES + 1).putInt(0);
        assertThatThrownBy(() -> EventStreamMessage.decode(prelude.rewind()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("over 16 MiB");
    }

    private static byte[] withCrcs(byte[] message) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(message, 0, 8);
        ByteBuffer.wrap(message).putInt(8, (int) crc.getValue());
        crc.reset();
        crc.update(message, 0, message.length - 4);
        ByteBuffer.wrap(message).putInt(message.length - 4, (int) crc.getValue());
        return message;
    }
}
