package io.wharf.kinesis.engine;

import java.math.BigInteger;

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
        String hex = "2"
                + hex(Math.floorDiv(shardCreatedMillis, 1000) & SECONDS_MASK, 9)
                + Integer.toHexString(shardIndex & 0xf)
                + hex(counter, 16)
                + "00"
                + hex(Math.floorDiv(arrivalMillis, 1000) & SECONDS_MASK, 9)
                + hex(shardIndex & 0xffffffffL, 8)
                + "2";
        return new BigInteger(hex, 16).toString();
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
