package io.wharf.protocol.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wharf.protocol.eventstream.EventStreamMessage;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * The event-stream codec ({@code EventStreamMessage}): a buffer of frames is read message by message. Only
 * {@link IllegalArgumentException} (the codec's declared error) or "not whole yet"; every decoded message encodes
 * back to the exact bytes it came from when its headers are all strings in first-seen order. With the input's
 * first byte odd, the two CRCs are recomputed first, so the fuzzer reaches the header and payload parsing that a
 * random checksum would otherwise guard. Input: flag byte, then frames.
 */
class EventStreamFuzzTest {
    @FuzzTest(maxDuration = "5s")
    void decodeFrames(byte[] input) {
        if (input.length == 0) {
            return;
        }
        byte[] frames = Arrays.copyOfRange(input, 1, input.length);
        if ((input[0] & 1) == 1) {
            fixChecksums(frames);
        }
        ByteBuffer buffer = ByteBuffer.wrap(frames);
        for (int i = 0; i < 64; i++) {
            int start = buffer.position();
            EventStreamMessage message;
            try {
                message = EventStreamMessage.decode(buffer);
            } catch (IllegalArgumentException declared) {
                return;
            }
            if (message == null) {
                if (buffer.position() != start) {
                    throw new AssertionError("an incomplete message moved the buffer");
                }
                return;
            }
            byte[] original = Arrays.copyOfRange(frames, start, buffer.position());
            EventStreamMessage again = EventStreamMessage.decode(ByteBuffer.wrap(message.encode()));
            if (!again.headers().equals(message.headers()) || !Arrays.equals(again.payload(), message.payload())) {
                throw new AssertionError("encode then decode changed the message: " + message.headers());
            }
            if (onlyCanonicalStringHeaders(original) && !Arrays.equals(message.encode(), original)) {
                throw new AssertionError("a message of string headers did not encode back to its bytes");
            }
        }
    }

    /** Rewrites the prelude and message CRCs of each frame the lengths delimit, as a correct writer would. */
    private static void fixChecksums(byte[] frames) {
        int at = 0;
        while (frames.length - at >= 16) {
            ByteBuffer frame = ByteBuffer.wrap(frames, at, frames.length - at);
            int total = frame.getInt(at);
            if (total < 16 || total > frames.length - at) {
                return;
            }
            CRC32 crc = new CRC32();
            crc.update(frames, at, 8);
            ByteBuffer.wrap(frames).putInt(at + 8, (int) crc.getValue());
            crc.reset();
            crc.update(frames, at, total - 4);
            ByteBuffer.wrap(frames).putInt(at + total - 4, (int) crc.getValue());
            at += total;
        }
    }

    /** Whether every header is a string (type 7) with a valid UTF-8 name and value, and no name repeats. */
    private static boolean onlyCanonicalStringHeaders(byte[] message) {
        ByteBuffer buffer = ByteBuffer.wrap(message);
        int headersLength = buffer.getInt(4);
        ByteBuffer headers = ByteBuffer.wrap(message, 12, headersLength);
        java.util.Set<String> names = new java.util.HashSet<>();
        while (headers.hasRemaining()) {
            byte[] name = new byte[headers.get() & 0xff];
            headers.get(name);
            if (headers.get() != 7) {
                return false;
            }
            byte[] value = new byte[headers.getShort() & 0xffff];
            headers.get(value);
            if (!validUtf8(name) || !validUtf8(value) || !names.add(new String(name, java.nio.charset.StandardCharsets.UTF_8))) {
                return false;
            }
        }
        return true;
    }

    private static boolean validUtf8(byte[] bytes) {
        try {
            java.nio.charset.StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }
}
