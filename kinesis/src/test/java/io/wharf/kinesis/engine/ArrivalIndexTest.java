package io.wharf.kinesis.engine;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArrivalIndexTest {
    private static final int BLOCK = ArrivalIndex.BLOCK;

    /** The index as a plain list, as it was before it was encoded. */
    private static final class Reference {
        final List<Long> arrivals = new ArrayList<>();
        long firstCounter = 1;

        long endCounter() {
            return firstCounter + arrivals.size();
        }

        void append(long millis) {
            arrivals.add(arrivals.isEmpty() ? millis : Math.max(millis, arrivals.get(arrivals.size() - 1)));
        }

        long firstAtOrAfter(long millis) {
            int low = 0;
            int high = arrivals.size();
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (arrivals.get(mid) < millis) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            return firstCounter + low;
        }

        void dropBefore(long counter) {
            int drop = (int) Math.min(Math.max(0, counter - firstCounter), arrivals.size());
            arrivals.subList(0, drop).clear();
            firstCounter += drop;
        }

        /** The store as the index reads it back: the retained records' arrivals; counts the reads. */
        int reads;

        final ArrivalIndex.Reader store = (from, to, found) -> {
            reads++;
            for (long c = Math.max(from, firstCounter); c < Math.min(to, endCounter()); c++) {
                if (!found.accept(c, arrivals.get((int) (c - firstCounter)))) {
                    return;
                }
            }
        };
    }

    @Test
    void agreesWithAPlainListOnRandomSequences() {
        agreesWithAPlainList(false);
    }

    /** As above, with the blocks' differences let go as records become durable: searches read them from the store. */
    @Test
    void agreesWithAPlainListWhenOldBlocksAreReadFromTheStore() {
        agreesWithAPlainList(true);
    }

    private static void agreesWithAPlainList(boolean release) {
        for (int seed = 0; seed < 60; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            ArrivalIndex index = new ArrivalIndex();
            Reference reference = new Reference();
            if (random.nextBoolean()) {
                long start = 1 + random.nextLong(1_000_000);
                index.startAt(start);
                reference.firstCounter = start;
            }
            long millis = random.nextLong(0, 1L << 42);
            int operations = 200 + random.nextInt(3_000);
            for (int op = 0; op < operations; op++) {
                int kind = random.nextInt(100);
                if (kind < 85) {
                    int burst = 1 + random.nextInt(random.nextBoolean() ? 8 : 2 * BLOCK);
                    for (int i = 0; i < burst; i++) {
                        millis += delta(random);
                        index.append(millis);
                        reference.append(millis);
                    }
                    if (release) {
                        index.release(reference.endCounter() - 1 - random.nextInt(3 * BLOCK));
                    }
                } else if (kind < 97) {
                    long counter = reference.firstCounter - 3 + random.nextLong(reference.arrivals.size() + 6);
                    index.dropBefore(counter);
                    reference.dropBefore(counter);
                } else {
                    long counter = reference.endCounter() + random.nextLong(3);
                    index.dropBefore(counter);
                    reference.dropBefore(counter);
                    if (random.nextBoolean()) {
                        long start = reference.endCounter() + random.nextLong(1_000);
                        index.startAt(start);
                        reference.firstCounter = start;
                    }
                }
                if (op % 17 == 0 || op == operations - 1) {
                    assertSame(index, reference, random, release ? reference.store : ArrivalIndex.IN_MEMORY);
                }
            }
        }
    }

    @Test
    void blockBoundariesExactly() {
        for (int records : new int[] {1, BLOCK - 1, BLOCK, BLOCK + 1, 2 * BLOCK - 1, 2 * BLOCK, 2 * BLOCK + 1}) {
            for (long drop : new long[] {0, 1, BLOCK - 1, BLOCK, BLOCK + 1, 2 * BLOCK, records - 1, records}) {
                ArrivalIndex index = new ArrivalIndex();
                Reference reference = new Reference();
                for (int i = 0; i < records; i++) {
                    index.append(1_000L + 10L * i);
                    reference.append(1_000L + 10L * i);
                }
                index.dropBefore(1 + drop);
                reference.dropBefore(1 + drop);
                assertSame(index, reference, new SplittableRandom(records), ArrivalIndex.IN_MEMORY);
                for (int i = 0; i < BLOCK + 1; i++) {
                    index.append(1_000_000L + i);
                    reference.append(1_000_000L + i);
                }
                assertSame(index, reference, new SplittableRandom(records), ArrivalIndex.IN_MEMORY);
            }
        }
    }

    @Test
    void anArrivalBelowThePreviousOneIsIndexedAsThePreviousOne() {
        ArrivalIndex index = new ArrivalIndex();
        index.append(500);
        index.append(400);
        index.append(700);
        for (int i = 0; i < BLOCK; i++) {
            index.append(600); // the first of these in the middle of a block, the last opening a new block
        }
        assertThat(index.arrival(2, ArrivalIndex.IN_MEMORY)).isEqualTo(500);
        assertThat(index.arrival(3, ArrivalIndex.IN_MEMORY)).isEqualTo(700);
        assertThat(index.arrival(BLOCK + 3, ArrivalIndex.IN_MEMORY)).isEqualTo(700);
        assertThat(index.firstAtOrAfter(501, ArrivalIndex.IN_MEMORY)).isEqualTo(3);
        assertThat(index.firstAtOrAfter(701, ArrivalIndex.IN_MEMORY)).isEqualTo(index.endCounter());
    }

    @Test
    void anEmptiedIndexTakesAnyArrivalAgain() {
        ArrivalIndex index = new ArrivalIndex();
        index.append(5_000);
        index.dropBefore(2);
        index.append(1_000);
        assertThat(index.firstCounter()).isEqualTo(2);
        assertThat(index.arrival(2, ArrivalIndex.IN_MEMORY)).isEqualTo(1_000);
    }

    @Test
    void extremeArrivalsRoundTrip() {
        ArrivalIndex index = new ArrivalIndex();
        long[] arrivals = {Long.MIN_VALUE, -1, 0, 127, 128, 1L << 32, (1L << 32) + 1, Long.MAX_VALUE - 1, Long.MAX_VALUE};
        for (long arrival : arrivals) {
            index.append(arrival);
        }
        for (int i = 0; i < arrivals.length; i++) {
            assertThat(index.arrival(1 + i, ArrivalIndex.IN_MEMORY)).isEqualTo(arrivals[i]);
            assertThat(index.firstAtOrAfter(arrivals[i], ArrivalIndex.IN_MEMORY)).isEqualTo(1 + i);
        }
        assertThat(index.firstAtOrAfter(Long.MIN_VALUE, ArrivalIndex.IN_MEMORY)).isEqualTo(1);
    }

    @Test
    void rejectsWhatTheOldIndexRejected() {
        ArrivalIndex index = new ArrivalIndex();
        assertThatThrownBy(() -> index.arrival(1, ArrivalIndex.IN_MEMORY)).isInstanceOf(IndexOutOfBoundsException.class);
        index.startAt(10);
        index.append(1);
        assertThat(index.firstCounter()).isEqualTo(10);
        assertThatThrownBy(() -> index.startAt(20)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> index.arrival(9, ArrivalIndex.IN_MEMORY)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> index.arrival(11, ArrivalIndex.IN_MEMORY)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void ordinaryTrafficTakesAboutOneBytePerRecord() {
        ArrivalIndex batches = new ArrivalIndex();
        ArrivalIndex singles = new ArrivalIndex();
        SplittableRandom random = new SplittableRandom(7);
        long millis = 1_700_000_000_000L;
        int records = 1_000_000;
        for (int i = 0; i < records; i++) {
            if (i % 500 == 0) {
                millis += 1 + random.nextInt(20);
            }
            batches.append(millis);
            singles.append(1_700_000_000_000L + i);
        }
        assertThat((double) batches.footprintBytes() / records).isLessThan(1.2);
        assertThat((double) singles.footprintBytes() / records).isLessThan(1.2);

        batches.dropBefore(records - 10);
        assertThat(batches.footprintBytes()).as("the blocks' slots stay, the blocks go").isLessThan(records / 10);
        assertThat(batches.arrival(records - 1, ArrivalIndex.IN_MEMORY)).isEqualTo(millis);
    }

    @Test
    void aShardAtFullRateKeepsAByteForFourHundredRecordsAndSearchesTheStoreOnceForTheOldest() {
        ArrivalIndex index = new ArrivalIndex();
        Reference reference = new Reference();
        long millis = 1_700_000_000_000L;
        int records = 1_000_000;
        for (int i = 0; i < records; i++) {
            millis += i % 2; // AWS's write limit: 1,000 records a second
            index.append(millis);
            reference.append(millis);
            index.release(i - 100); // durable a little behind
        }
        assertThat(index.coldBlocks()).isGreaterThan(records / BLOCK - ArrivalIndex.WARM_BLOCKS - 2);
        // one arrival per superblock of 16,384 records, and a few blocks and arrays of fixed size
        assertThat((double) index.footprintBytes() / records).as("bytes per record").isLessThan(0.0025);

        long horizon = reference.arrivals.get(1_000) + 1;
        for (int i = 0; i < 100; i++) { // GetRecords asks for the retention horizon on every call
            assertThat(index.firstAtOrAfter(horizon, reference.store)).isEqualTo(reference.firstAtOrAfter(horizon));
        }
        int seeks = Integer.numberOfTrailingZeros(ArrivalIndex.SUPERBLOCK) + 1; // a binary search over its blocks
        assertThat(reference.reads).as("the first arrivals of the oldest superblock's blocks searched, and its block")
                .isBetween(seeks - 1, seeks + 1);
        int reads = reference.reads;
        long recent = reference.arrivals.get(records - 10);
        assertThat(index.firstAtOrAfter(recent, reference.store)).isEqualTo(reference.firstAtOrAfter(recent));
        assertThat(reference.reads).as("recent records are searched in memory").isEqualTo(reads);
    }

    /**
     * Records spanning several superblocks, all cold: drops at and around superblock and block boundaries, then every
     * record's arrival and searches between them, against a store that lacks some records (their counters count as the
     * next stored one, so the index is given that arrival, as recovery gives it).
     */
    /** A shard trimmed by retention as it goes keeps an index of the same size however long it runs. */
    @Test
    void aTrimmedShardsIndexStaysTheSameSize() {
        ArrivalIndex index = new ArrivalIndex();
        long millis = 0;
        long[] footprints = new long[2];
        for (int i = 1; i <= 10_000_000; i++) {
            millis += i % 2;
            index.append(millis);
            index.release(i - 100);
            if (i % 10_000 == 0) {
                index.dropBefore(i - 100_000); // retention keeps the last 100,000
            }
            if (i == 1_000_000 || i == 10_000_000) {
                footprints[i == 1_000_000 ? 0 : 1] = index.footprintBytes();
            }
        }
        assertThat(footprints[1]).as("after 10M records, against 1M").isEqualTo(footprints[0]);
    }

    @Test
    void superblockBoundariesExactly() {
        int superblock = ArrivalIndex.SUPERBLOCK * BLOCK;
        int records = 3 * superblock + 5 * BLOCK + 17;
        long[] arrivals = new long[records + 1]; // by counter, from 1
        for (int c = 1; c <= records; c++) {
            arrivals[c] = 1_000_000 + c / 3;
        }
        Set<Long> missing = new HashSet<>(); // a block's first, a superblock's first, and a whole block
        for (long c : new long[] {BLOCK + 1, superblock + 1, 2 * superblock + 1, 2 * superblock + 2}) {
            missing.add(c);
        }
        for (long c = superblock + 5L * BLOCK + 1; c <= superblock + 6L * BLOCK + 1; c++) {
            missing.add(c);
        }
        int coldEnd = 3 * superblock + BLOCK; // the last 4 full blocks and the open one stay warm
        missing.addAll(List.of(coldEnd - 1L, (long) coldEnd)); // the last cold block's last two
        for (int c = records - 1; c >= 1; c--) {
            if (missing.contains((long) c)) {
                arrivals[c] = arrivals[c + 1]; // as recovery indexes it
            }
        }
        long[] drops = {0, 1, BLOCK - 1, BLOCK, superblock - BLOCK - 1, superblock - 1, superblock, superblock + 1,
                superblock + BLOCK, 2 * superblock - 1, 3 * superblock - 1, 3 * superblock + BLOCK - 1, coldEnd,
                records - 2 * BLOCK};
        for (boolean gaps : new boolean[] {false, true}) {
            for (long drop : drops) {
                ArrivalIndex index = new ArrivalIndex();
                Reference reference = new Reference();
                for (int c = 1; c <= records; c++) {
                    index.append(arrivals[c]);
                    reference.append(arrivals[c]);
                    index.release(c - BLOCK);
                }
                ArrivalIndex.Reader store = (from, to, found) -> {
                    long end = Math.min(to, reference.endCounter());
                    for (long c = Math.max(from, reference.firstCounter); c < end; c++) {
                        if (!(gaps && missing.contains(c)) && !found.accept(c, arrivals[(int) c])) {
                            return;
                        }
                    }
                };
                index.dropBefore(1 + drop);
                reference.dropBefore(1 + drop);
                assertThat(index.coldBlocks()).as("drop %d", drop)
                        .isEqualTo(Math.max(0, (coldEnd - drop + BLOCK - 1) / BLOCK));
                assertSame(index, reference, new SplittableRandom(drop), store);
            }
        }
    }

    /**
     * An index rebuilt from the store (recovery: the newest blocks and one arrival per superblock read) answers as one
     * built record by record, and goes on as it would: appends, releases, drops. With and without counters whose
     * records are missing from the store.
     */
    @Test
    void anIndexRecoveredFromTheStoreAgreesWithAPlainList() {
        int superblock = ArrivalIndex.SUPERBLOCK * BLOCK;
        for (boolean gaps : new boolean[] {false, true}) {
            for (int records : new int[] {1, 2, BLOCK, 5 * BLOCK, 5 * BLOCK + 1, 6 * BLOCK, superblock + 5 * BLOCK,
                    3 * superblock + 5 * BLOCK + 17}) {
                for (long first : new long[] {1, 1_000}) {
                    Reference reference = new Reference();
                    reference.firstCounter = first;
                    Set<Long> missing = new HashSet<>();
                    long[] arrivals = new long[records];
                    for (int i = records - 1; i >= 0; i--) {
                        boolean gap = gaps && i % 997 == 5 && i < records - 1;
                        if (gap) {
                            missing.add(first + i);
                        }
                        arrivals[i] = gap ? arrivals[i + 1] : 1_000_000 + i / 3; // a missing one: the next one's
                    }
                    for (long arrival : arrivals) {
                        reference.append(arrival);
                    }
                    ArrivalIndex.Reader store = (from, to, found) -> {
                        long end = Math.min(to, reference.endCounter());
                        for (long c = Math.max(from, reference.firstCounter); c < end; c++) {
                            long arrival = reference.arrivals.get((int) (c - reference.firstCounter));
                            if (!missing.contains(c) && !found.accept(c, arrival)) {
                                return;
                            }
                        }
                    };
                    ArrivalIndex index = new ArrivalIndex();
                    index.recover(first, first + records, store);
                    String what = records + " records from " + first + (gaps ? " with gaps" : "");
                    assertThat(index.coldBlocks()).as(what).isEqualTo(Math.max(0, (records + BLOCK - 1) / BLOCK - 5));
                    assertSame(index, reference, new SplittableRandom(records), store);
                    for (int i = 0; i < 3 * BLOCK; i++) {
                        index.append(2_000_000 + i);
                        reference.append(2_000_000 + i);
                        index.release(reference.endCounter() - 1);
                    }
                    assertSame(index, reference, new SplittableRandom(records), store);
                    index.dropBefore(first + records / 2);
                    reference.dropBefore(first + records / 2);
                    assertSame(index, reference, new SplittableRandom(records), store);
                }
            }
        }
    }

    @Test
    void aCounterWithoutAStoredRecordCountsAsTheNextOne() {
        ArrivalIndex index = new ArrivalIndex();
        for (int i = 0; i < 10 * BLOCK; i++) {
            index.append(1_000L + i);
        }
        index.release(Long.MAX_VALUE);
        ArrivalIndex.Reader gappy = (from, to, found) -> {
            for (long c = from; c < to; c++) {
                if (c != 5 && !found.accept(c, 1_000L + c - 1)) { // counter 5's batch failed to submit:
                    return;                                              // recovery indexed it as counter 6
                }
            }
        };
        assertThat(index.coldBlocks()).isPositive();
        assertThat(index.arrival(5, gappy)).isEqualTo(1_005L);
        assertThat(index.firstAtOrAfter(1_004L, gappy)).isEqualTo(5);
        assertThat(index.firstAtOrAfter(1_005L, gappy)).isEqualTo(5);
        assertThat(index.firstAtOrAfter(1_006L, gappy)).isEqualTo(7);
    }

    private static long delta(SplittableRandom random) {
        int kind = random.nextInt(100);
        if (kind < 40) {
            return 0;
        } else if (kind < 80) {
            return random.nextInt(128);
        } else if (kind < 95) {
            return random.nextInt(1 << 21);
        } else if (kind < 98) {
            return (1L << 32) + random.nextLong(1L << 40);
        }
        return -random.nextInt(1_000); // below the previous arrival
    }

    private static void assertSame(ArrivalIndex index, Reference reference, SplittableRandom random,
                                   ArrivalIndex.Reader store) {
        assertThat(index.firstCounter()).isEqualTo(reference.firstCounter);
        assertThat(index.endCounter()).isEqualTo(reference.endCounter());
        assertThat(index.isEmpty()).isEqualTo(reference.arrivals.isEmpty());
        for (int i = 0; i < reference.arrivals.size(); i++) {
            assertThat(index.arrival(reference.firstCounter + i, store)).isEqualTo(reference.arrivals.get(i));
        }
        assertThatThrownBy(() -> index.arrival(reference.firstCounter - 1, store)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> index.arrival(reference.endCounter(), store)).isInstanceOf(IndexOutOfBoundsException.class);
        List<Long> probes = new ArrayList<>(List.of(Long.MIN_VALUE, 0L, Long.MAX_VALUE));
        for (int i = 0; i < reference.arrivals.size(); i += 1 + random.nextInt(7)) {
            long arrival = reference.arrivals.get(i);
            probes.addAll(List.of(arrival - 1, arrival, arrival + 1));
        }
        if (!reference.arrivals.isEmpty()) {
            probes.add(reference.arrivals.get(reference.arrivals.size() - 1) + 1);
        }
        for (long millis : probes) {
            assertThat(index.firstAtOrAfter(millis, store)).as("first at or after %d", millis)
                    .isEqualTo(reference.firstAtOrAfter(millis));
        }
    }
}
