package io.wharf.kinesis.engine;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * 56-digit sequence numbers in AWS's layout (kinesis.md §2.3), as 47 hex nibbles:
 * <pre>
 *  0      version marker 2
 *  1–9    shard creation time, epoch seconds (36 bits)
 *  10     low nibble of the shard index
 *  11–26  the shard's record counter (64 bits, top bit 0)
 *  27–28  00
 *  29–37  record arrival time, epoch seconds (36 bits)
 *  38–45  shard index (32 bits)
 *  46     version marker 2
 * </pre>
 * The counter is more significant than the arrival time, so numbers increase strictly within a shard.
 * Counter 0 is the shard's StartingSequenceNumber (no record has it); {@link #END_COUNTER} is a closed shard's
 * EndingSequenceNumber, above every record it holds.
 */
public final class SequenceNumbers {
    public static final long END_COUNTER = Long.MAX_VALUE;
    private static final long SECONDS_MASK = (1L << 36) - 1;

    private SequenceNumbers() {
    }

    /** A decoded sequence number. */
    public record Parts(long shardCreatedSeconds, int shardIndex, long counter, long arrivalSeconds) {
    }

    public static String of(long shardCreatedMillis, int shardIndex, long counter, long arrivalMillis) {
        // The 188-bit number in three 64-bit words, least significant first (bit positions from the layout above,
        // counted from the low end), then printed in decimal by hand: on a Kinesis PutRecords a BigInteger built
        // from a hex string and printed was a fifth of the server's time.
        long[] words = new long[3];
        put(words, 0, 2, 4);
        put(words, 4, shardIndex & 0xffffffffL, 32);
        put(words, 36, Math.floorDiv(arrivalMillis, 1000) & SECONDS_MASK, 36);
        put(words, 80, counter, 64);
        put(words, 144, shardIndex & 0xf, 4);
        put(words, 148, Math.floorDiv(shardCreatedMillis, 1000) & SECONDS_MASK, 36);
        put(words, 184, 2, 4);
        return decimal(words);
    }

    /** ORs the low {@code bits} of {@code value} into {@code words} at bit {@code position}. */
    private static void put(long[] words, int position, long value, int bits) {
        if (bits < 64) {
            value &= (1L << bits) - 1;
        }
        int word = position >>> 6;
        int shift = position & 63;
        words[word] |= value << shift;
        if (shift != 0 && shift + bits > 64) {
            words[word + 1] |= value >>> (64 - shift);
        }
    }

    private static final int CHUNK = 1_000_000_000;

    /** The unsigned 192-bit number {@code words} (least significant first) in decimal, without leading zeros. */
    static String decimal(long[] words) {
        // Six 32-bit limbs, most significant first, divided by 10^9 until nothing is left: nine digits a round.
        long[] limbs = new long[6];
        for (int i = 0; i < 3; i++) {
            limbs[5 - 2 * i] = words[i] & 0xffffffffL;
            limbs[4 - 2 * i] = words[i] >>> 32;
        }
        int[] chunks = new int[8]; // 192 bits < 10^58: at most 7 rounds
        int count = 0;
        int top = 0;
        while (top < 6) {
            long remainder = 0;
            for (int i = top; i < 6; i++) {
                long current = (remainder << 32) | limbs[i];
                limbs[i] = current / CHUNK;
                remainder = current % CHUNK;
            }
            chunks[count++] = (int) remainder;
            while (top < 6 && limbs[top] == 0) {
                top++;
            }
        }
        if (count == 0) {
            return "0";
        }
        // the digits straight into one Latin-1 array, least significant first from the end: no String per chunk
        byte[] digits = new byte[count * 9];
        int at = digits.length;
        for (int i = 0; i < count; i++) {
            int chunk = chunks[i];
            for (int d = 0; d < 9 && (d == 0 || chunk != 0 || i < count - 1); d++) {
                digits[--at] = (byte) ('0' + chunk % 10);
                chunk /= 10;
            }
        }
        return new String(digits, at, digits.length - at, StandardCharsets.ISO_8859_1);
    }

    /** The parts of a number in this layout, or null when it is not one. */
    public static Parts parse(String decimal) {
        if (decimal == null || decimal.length() != 56 || !decimal.chars().allMatch(Character::isDigit)) {
            return null;
        }
        String hex = new BigInteger(decimal).toString(16);
        if (hex.length() != 47 || hex.charAt(0) != '2' || hex.charAt(46) != '2' || !hex.startsWith("00", 27)) {
            return null;
        }
        long counter = Long.parseUnsignedLong(hex.substring(11, 27), 16);
        if (counter < 0) {
            return null;
        }
        int index = (int) Long.parseLong(hex.substring(38, 46), 16);
        if ((index & 0xf) != Character.digit(hex.charAt(10), 16)) {
            return null;
        }
        return new Parts(Long.parseLong(hex.substring(1, 10), 16), index, counter, Long.parseLong(hex.substring(29, 38), 16));
    }

    private static String hex(long value, int nibbles) {
        String s = Long.toHexString(value);
        return "0".repeat(nibbles - s.length()) + s;
    }
}
