package io.wharf.kinesis.engine;

import io.wharf.protocol.Hashes;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The 128-bit hash key space records are routed by: the MD5 of the partition key's UTF-8 bytes read as an
 * unsigned big-endian integer, or an ExplicitHashKey (kinesis.md §2.2).
 */
public final class HashKeys {
    /** 2^128 − 1, the last hash key. */
    public static final BigInteger MAX = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

    private HashKeys() {
    }

    public static BigInteger of(String partitionKey) {
        return new BigInteger(1, Hashes.md5().digest(partitionKey.getBytes(StandardCharsets.UTF_8)));
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
