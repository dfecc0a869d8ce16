package io.wharf.kinesis.engine;

import io.wharf.protocol.Hashes;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * The 128-bit hash key space records are routed by: the MD5 of the partition key's UTF-8 bytes read as an
 * unsigned big-endian integer, or an ExplicitHashKey (kinesis.md §2.2).
 */
public final class HashKeys {
    /** 2^128 − 1, the last hash key. */
    public static final BigInteger MAX = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);
    private static final VarHandle BIG_ENDIAN_LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private HashKeys() {
    }

    public static BigInteger of(String partitionKey) {
        return new BigInteger(1, Hashes.md5().digest(partitionKey.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The hash key of a partition key's UTF-8 bytes as two unsigned halves, high at {@code into[at]} and low at
     * {@code into[at + 1]}: the put path routes on these, as a {@code BigInteger} per record was 4 % of a
     * kinesis-put profile. {@code md5} is reset by the digest and may serve the next key.
     */
    static void of(MessageDigest md5, byte[] partitionKey, long[] into, int at) {
        byte[] digest = md5.digest(partitionKey);
        into[at] = (long) BIG_ENDIAN_LONGS.get(digest, 0);
        into[at + 1] = (long) BIG_ENDIAN_LONGS.get(digest, Long.BYTES);
    }

    /** The high 64 bits of a hash key in [0, 2^128). */
    static long high(BigInteger key) {
        return key.shiftRight(Long.SIZE).longValue();
    }

    /** The low 64 bits of a hash key in [0, 2^128). */
    static long low(BigInteger key) {
        return key.longValue();
    }

    /** Compares two 128-bit unsigned keys given as halves. */
    static int compare(long aHigh, long aLow, long bHigh, long bLow) {
        int c = Long.compareUnsigned(aHigh, bHigh);
        return c != 0 ? c : Long.compareUnsigned(aLow, bLow);
    }

    /** A closed range of hash keys. */
    public record Range(BigInteger start, BigInteger end) {
        public boolean contains(BigInteger key) {
            return start.compareTo(key) <= 0 && key.compareTo(end) <= 0;
        }
    }

    /** {@code n} even ranges as AWS makes them: step ⌊2^128 / n⌋, the last range ends at 2^128 − 1. */
    public static List<Range> even(int n) {
        BigInteger step = BigInteger.ONE.shiftLeft(128).divide(BigInteger.valueOf(n));
        List<Range> ranges = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            BigInteger start = step.multiply(BigInteger.valueOf(i));
            BigInteger end = i == n - 1 ? MAX : step.multiply(BigInteger.valueOf(i + 1)).subtract(BigInteger.ONE);
            ranges.add(new Range(start, end));
        }
        return ranges;
    }
}
