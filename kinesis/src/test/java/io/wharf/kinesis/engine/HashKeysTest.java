package io.wharf.kinesis.engine;

import io.wharf.protocol.Hashes;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The put path's two-long hash keys agree with the {@code BigInteger} ones everywhere else. */
class HashKeysTest {
    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

    @Test
    void halvesOfAPartitionKeyAreItsBigIntegerKey() {
        MessageDigest md5 = Hashes.md5(); // one digest for every key, as a PutRecords uses it
        long[] halves = new long[2];
        Random random = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            String partitionKey = i % 3 == 0 ? "key-" + i : randomText(random);
            HashKeys.of(md5, partitionKey.getBytes(StandardCharsets.UTF_8), halves, 0);
            assertThat(join(halves[0], halves[1])).as(partitionKey).isEqualTo(HashKeys.of(partitionKey));
        }
        HashKeys.of(md5, "a".getBytes(StandardCharsets.UTF_8), halves, 0);
        assertThat(join(halves[0], halves[1])).isEqualTo(new BigInteger("16955237001963240173058271559858726497"));
    }

    @Test
    void unsignedComparisonMatchesBigIntegerOrderAtTheEdges() {
        List<BigInteger> keys = List.of(BigInteger.ZERO, BigInteger.ONE, TWO_TO_64.subtract(BigInteger.ONE), TWO_TO_64,
                BigInteger.ONE.shiftLeft(63), BigInteger.ONE.shiftLeft(127), HashKeys.MAX.subtract(BigInteger.ONE),
                HashKeys.MAX, new BigInteger("170141183460469231731687303715884105727"));
        for (BigInteger a : keys) {
            assertThat(join(HashKeys.high(a), HashKeys.low(a))).isEqualTo(a);
            for (BigInteger b : keys) {
                assertThat(Integer.signum(HashKeys.compare(HashKeys.high(a), HashKeys.low(a), HashKeys.high(b),
                        HashKeys.low(b)))).as(a + " vs " + b).isEqualTo(Integer.signum(a.compareTo(b)));
            }
        }
    }

    @Test
    void aShardsBoundsAsHalvesHoldExactlyTheKeysItsRangeHolds() {
        for (int n : new int[] {1, 3, 7, 64}) {
            List<HashKeys.Range> ranges = HashKeys.even(n);
            List<Shard> shards = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                shards.add(new Shard(i, -1, -1, ranges.get(i), 0));
            }
            for (int i = 0; i < n; i++) {
                for (BigInteger key : List.of(ranges.get(i).start(), ranges.get(i).end())) {
                    assertThat(routeIn(shards, key).index).isEqualTo(i);
                }
            }
        }
    }

    private static Shard routeIn(List<Shard> shards, BigInteger key) {
        Shard found = null;
        for (Shard s : shards) { // Stream.route's test, against every shard (RecordsTest routes through the engine)
            boolean inside = HashKeys.compare(s.startHigh, s.startLow, HashKeys.high(key), HashKeys.low(key)) <= 0
                    && HashKeys.compare(HashKeys.high(key), HashKeys.low(key), s.endHigh, s.endLow) <= 0;
            assertThat(inside).isEqualTo(s.range.contains(key));
            if (inside) {
                assertThat(found).isNull();
                found = s;
            }
        }
        return found;
    }

    private static BigInteger join(long high, long low) {
        return new BigInteger(Long.toUnsignedString(high)).shiftLeft(64).add(new BigInteger(Long.toUnsignedString(low)));
    }

    private static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = 1 + random.nextInt(40); i > 0; i--) {
            text.appendCodePoint(random.nextInt(4) == 0 ? 0x80 + random.nextInt(0x2000) : 0x20 + random.nextInt(0x5f));
        }
        return text.toString();
    }
}
