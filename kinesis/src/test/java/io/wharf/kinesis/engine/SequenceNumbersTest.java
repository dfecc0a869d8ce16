package io.wharf.kinesis.engine;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;

class SequenceNumbersTest {
    @Test
    void decodesARealAwsSequenceNumber() {
        // from AWS's documentation sample; its ApproximateArrivalTimestamp is 1545084650.987
        SequenceNumbers.Parts parts = SequenceNumbers.parse("49590338271490256608559692538361571095921575989136588898");
        assertThat(parts).isNotNull();
        assertThat(parts.shardIndex()).isEqualTo(6);
        assertThat(parts.arrivalSeconds()).isEqualTo(1_545_084_650L);
    }

    @Test
    void roundTripsAndHasFiftySixDigits() {
        String number = SequenceNumbers.of(1_700_000_000_000L, 13, 42, 1_700_000_123_456L);
        assertThat(number).hasSize(56).containsOnlyDigits();
        assertThat(SequenceNumbers.parse(number)).isEqualTo(new SequenceNumbers.Parts(1_700_000_000L, 13, 42, 1_700_000_123L));
        assertThat(SequenceNumbers.parse(SequenceNumbers.of(0, 0, SequenceNumbers.END_COUNTER, 0)).counter())
                .isEqualTo(SequenceNumbers.END_COUNTER);
    }

    @Test
    void theCounterOutranksTheArrivalTime() {
        BigInteger earlierCounterLaterTime = new BigInteger(SequenceNumbers.of(1_000_000, 0, 5, 9_000_000_000L));
        BigInteger laterCounterEarlierTime = new BigInteger(SequenceNumbers.of(1_000_000, 0, 6, 1_000_000));
        assertThat(laterCounterEarlierTime).isGreaterThan(earlierCounterLaterTime);
    }

    @Test
    void startingNumbersOfNeighbouringShardsDifferAsAwsDo() {
        BigInteger first = new BigInteger(SequenceNumbers.of(1_700_000_000_000L, 0, 0, 1_700_000_000_000L));
        BigInteger second = new BigInteger(SequenceNumbers.of(1_700_000_000_000L, 1, 0, 1_700_000_000_000L));
        assertThat(second.subtract(first)).isEqualTo(new BigInteger("22300745198530623141535718272648361505980432"));
    }

    @Test
    void rejectsWhatIsNotInTheLayout() {
        assertThat(SequenceNumbers.parse("1")).isNull();
        assertThat(SequenceNumbers.parse("x".repeat(56))).isNull();
        assertThat(SequenceNumbers.parse("9".repeat(56))).isNull();
    }

    @Test
    void hashKeysAreTheMd5OfThePartitionKey() {
        assertThat(HashKeys.of("a")).isEqualTo(new BigInteger("16955237001963240173058271559858726497"));
        assertThat(HashKeys.even(3)).extracting(r -> r.end().toString()).containsExactly(
                "113427455640312821154458202477256070484", "226854911280625642308916404954512140969",
                "340282366920938463463374607431768211455");
        assertThat(HashKeys.even(3).get(1).start()).isEqualTo(new BigInteger("113427455640312821154458202477256070485"));
    }

    @Test
    void printsWhatTheLayoutReadAsOneHexNumberIsInDecimal() {
        java.util.Random random = new java.util.Random(42);
        long[][] cases = {{0, 0, 0, 0}, {1_700_000_000_000L, 4_095, 1, 1_700_000_000_123L},
                {Long.MAX_VALUE / 1000 * 1000, -1, SequenceNumbers.END_COUNTER, Long.MAX_VALUE / 1000 * 1000}};
        for (long[] c : cases) {
            assertThat(SequenceNumbers.of(c[0], (int) c[1], c[2], c[3])).isEqualTo(reference(c[0], (int) c[1], c[2], c[3]));
        }
        for (int i = 0; i < 10_000; i++) {
            long created = random.nextLong(0, 1L << 45);
            int index = random.nextInt();
            long counter = random.nextLong() & Long.MAX_VALUE;
            long arrival = random.nextLong(0, 1L << 45);
            assertThat(SequenceNumbers.of(created, index, counter, arrival))
                    .isEqualTo(reference(created, index, counter, arrival));
        }
        assertThat(SequenceNumbers.decimal(new long[] {0, 0, 0})).isEqualTo("0");
        for (long small : new long[] {1, 9, 10, 999_999_999, 1_000_000_000, 1_000_000_001, Long.MAX_VALUE}) {
            assertThat(SequenceNumbers.decimal(new long[] {small, 0, 0})).isEqualTo(Long.toString(small));
        }
        assertThat(SequenceNumbers.decimal(new long[] {0, 1, 0})).isEqualTo(java.math.BigInteger.ONE.shiftLeft(64).toString());
        assertThat(SequenceNumbers.decimal(new long[] {-1, -1, -1}))
                .isEqualTo(java.math.BigInteger.ONE.shiftLeft(192).subtract(java.math.BigInteger.ONE).toString());
    }

    /** The layout as one hex string, read by BigInteger: what {@link SequenceNumbers#of} computed before. */
    private static String reference(long shardCreatedMillis, int shardIndex, long counter, long arrivalMillis) {
        long mask = (1L << 36) - 1;
        String hex = "2" + hex(Math.floorDiv(shardCreatedMillis, 1000) & mask, 9) + Integer.toHexString(shardIndex & 0xf)
                + hex(counter, 16) + "00" + hex(Math.floorDiv(arrivalMillis, 1000) & mask, 9)
                + hex(shardIndex & 0xffffffffL, 8) + "2";
        return new java.math.BigInteger(hex, 16).toString();
    }

    private static String hex(long value, int nibbles) {
        String s = Long.toHexString(value);
        return "0".repeat(nibbles - s.length()) + s;
    }
}
