package io.wharf.kinesis.engine;

import java.util.Arrays;

/**
 * The in-memory index of one shard's retained records: their arrival times (epoch ms, non-decreasing) by
 * counter. It answers "first record at or after time t" (AT_TIMESTAMP, retention) by binary search, without
 * touching the records. Not thread-safe: the shard's lock guards it.
 *
 * <p>Records are grouped in blocks of {@value #BLOCK} consecutive counters. A block keeps the arrival of its
 * first record as a {@code long} and, after it, the difference between each arrival and the next as an
 * unsigned LEB128 varint: one byte for a gap under 128 ms, so about one byte per record for ordinary traffic
 * (a plain array took eight). A search finds its block by binary search over the blocks' first arrivals and
 * decodes that one block. Dropping the oldest records frees whole blocks; the dropped records at the start of
 * the head block are skipped, not re-encoded.
 *
 * <p>An arrival below the previous one is indexed as the previous one, so the index stays sorted whatever it
 * is given. {@link Records} never appends one (it raises each arrival to the shard's last), nor does
 * {@link Recovery} (it replays those arrivals in counter order).
 *
 * <p>Only the newest blocks keep their differences in memory: once a block is {@value #WARM_BLOCKS} blocks behind the
 * open one and its records are durable ({@link #release}), its differences are let go, and a search that lands in it
 * reads its arrivals from the store ({@code kinesis.arrivals}, through the {@link Reader} it is given), keeping the
 * last such block decoded: retention and GetRecords search near the oldest record again and again. A cold block costs
 * its first arrival and an empty slot, ~12 bytes per {@value #BLOCK} records, so a shard's heap grows with its
 * retained records at ~0.05 byte each instead of ~1.2 (0.08 measured at 10M records, the arrays' doubling slack
 * included).
 */
final class ArrivalIndex {
    static final int BLOCK = 256;
    private static final int SHIFT = Integer.numberOfTrailingZeros(BLOCK);
    private static final int MAX_VARINT = 10;
    /** Blocks behind the open one that keep their differences in memory (a reader of recent records never reads the store). */
    static final int WARM_BLOCKS = 4;

    /**
     * Reads the arrivals of counters {@code [from, to)} from the store: calls {@code found} with each stored counter
     * and its arrival, in counter order (a counter whose record failed to be written has none).
     */
    @FunctionalInterface
    interface Reader {
        void read(long from, long to, Found found);
    }

    /** One stored arrival, as a {@link Reader} hands it over. */
    @FunctionalInterface
    interface Found {
        void accept(long counter, long arrival);
    }

    /** A reader for an index whose blocks all stay in memory (it is never called then: {@link #release} is not). */
    static final Reader IN_MEMORY = (from, to, found) -> {
        throw new IllegalStateException("no store to read arrivals " + from + ".." + to + " from");
    };

    /** Block slots from {@link #head}: each block's first arrival, and the varint differences after it. */
    private long[] bases = new long[16];
    private byte[][] deltas = new byte[16][];
    private int head;
    private int blocks;
    /** Records dropped from the head block. */
    private int skipped;
    /** Records in the last (open) block, and the bytes of its array in use. */
    private int openCount;
    private int openBytes;
    private long last;
    private long firstCounter = 1;
    private long size;
    /** Blocks from {@link #head} whose differences were let go (always a prefix: they go oldest first). */
    private int coldBlocks;
    /** The cold block decoded last: its first counter, the first counter read, and the arrivals from there. */
    private long cachedBlockStart = -1;
    private long cachedFrom;
    private long[] cachedArrivals;

    /** The counter of the oldest indexed record (or of the next record when empty). */
    long firstCounter() {
        return firstCounter;
    }

    /** One past the newest indexed record's counter. */
    long endCounter() {
        return firstCounter + size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Appends the record with counter {@link #endCounter()}; an arrival below the previous one counts as it. */
    void append(long arrivalMillis) {
        if (size == 0) {
            openBlock(arrivalMillis);
        } else {
            long arrival = Math.max(arrivalMillis, last);
            if (openCount == BLOCK) {
                openBlock(arrival);
            } else {
                writeDelta(arrival - last);
            }
        }
        size++;
    }

    /** Restarts an empty index at {@code counter} (recovery of a shard whose oldest records were trimmed). */
    void startAt(long counter) {
        if (size != 0) {
            throw new IllegalStateException("index not empty");
        }
        firstCounter = counter;
    }

    long arrival(long counter, Reader reader) {
        if (counter < firstCounter || counter >= endCounter()) {
            throw new IndexOutOfBoundsException("counter " + counter + " outside [" + firstCounter + ", " + endCounter() + ")");
        }
        long offset = skipped + (counter - firstCounter);
        int block = (int) (offset >>> SHIFT);
        int slot = head + block;
        int steps = (int) offset & (BLOCK - 1);
        if (deltas[slot] == null) {
            long from = cold(block, reader);
            return cachedArrivals[(int) (counter - from)];
        }
        Walk walk = new Walk(bases[slot], deltas[slot]);
        for (int i = 0; i < steps; i++) {
            walk.next();
        }
        return walk.value;
    }

    /**
     * The counter of the first record that arrived at or after {@code millis}; {@link #endCounter()} if none. A search
     * that lands in a cold block reads it with {@code reader}.
     */
    long firstAtOrAfter(long millis, Reader reader) {
        int low = 0;
        int high = blocks;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (bases[head + mid] < millis) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        if (low == 0) {
            return firstCounter;
        }
        int block = low - 1;
        long blockStart = firstCounter - skipped + ((long) block << SHIFT);
        int count = block == blocks - 1 ? openCount : BLOCK;
        if (deltas[head + block] == null) {
            long from = cold(block, reader);
            long[] arrivals = cachedArrivals;
            for (int i = 0; i < arrivals.length; i++) {
                if (arrivals[i] >= millis) {
                    return from + i;
                }
            }
            return low == blocks ? endCounter() : blockStart + BLOCK;
        }
        Walk walk = new Walk(bases[head + block], deltas[head + block]);
        for (int i = 1; i < count; i++) {
            if (walk.next() >= millis) {
                return Math.max(firstCounter, blockStart + i);
            }
        }
        return low == blocks ? endCounter() : blockStart + BLOCK;
    }

    /** Forgets every record below {@code counter}. */
    void dropBefore(long counter) {
        long drop = Math.min(Math.max(0, counter - firstCounter), size);
        firstCounter += drop;
        size -= drop;
        cachedBlockStart = -1; // its first counter read may be gone now
        cachedArrivals = null;
        if (size == 0) {
            Arrays.fill(deltas, head, head + blocks, null);
            head = 0;
            blocks = 0;
            skipped = 0;
            coldBlocks = 0;
            return;
        }
        long offset = skipped + drop;
        int whole = (int) (offset >>> SHIFT);
        Arrays.fill(deltas, head, head + whole, null);
        head += whole;
        blocks -= whole;
        coldBlocks = Math.max(0, coldBlocks - whole);
        skipped = (int) offset & (BLOCK - 1);
    }

    /**
     * Lets go of the differences of the blocks more than {@value #WARM_BLOCKS} behind the open one whose records are
     * all at or below {@code durableCounter} (the store shows them): a later search in them reads the store.
     */
    void release(long durableCounter) {
        while (coldBlocks < blocks - 1 - WARM_BLOCKS) {
            long lastCounter = firstCounter - skipped + ((long) (coldBlocks + 1) << SHIFT) - 1;
            if (lastCounter > durableCounter) {
                return;
            }
            deltas[head + coldBlocks] = null;
            coldBlocks++;
        }
    }

    /** Blocks whose differences were let go (tests). */
    int coldBlocks() {
        return coldBlocks;
    }

    /**
     * Decodes cold block {@code block} (from {@link #head}) into the cache, reading it from the store unless it is
     * the cached one; returns the counter of {@code cachedArrivals[0]} (the block's first record still indexed).
     */
    private long cold(int block, Reader reader) {
        long blockStart = firstCounter - skipped + ((long) block << SHIFT);
        if (blockStart == cachedBlockStart) {
            return cachedFrom;
        }
        long from = Math.max(blockStart, firstCounter);
        int count = (int) (blockStart + BLOCK - from);
        long[] arrivals = new long[count];
        Arrays.fill(arrivals, Long.MIN_VALUE);
        reader.read(from, from + count, (counter, arrival) -> {
            if (counter >= from && counter < from + count) {
                arrivals[(int) (counter - from)] = arrival;
            }
        });
        // a counter without a record (its batch failed to submit) counts as the next one, as recovery indexes it
        long next = block + 1 < blocks ? bases[head + block + 1] : last;
        for (int i = count - 1; i >= 0; i--) {
            if (arrivals[i] == Long.MIN_VALUE) {
                arrivals[i] = next;
            }
            next = arrivals[i];
        }
        cachedBlockStart = blockStart;
        cachedFrom = from;
        cachedArrivals = arrivals;
        return from;
    }

    /** The bytes of the index's arrays (headers included, object alignment not), for tests and estimates. */
    long footprintBytes() {
        long bytes = 2L * (16 + 8L * bases.length);
        for (int i = head; i < head + blocks; i++) {
            bytes += deltas[i] == null ? 0 : 16 + deltas[i].length;
        }
        return bytes;
    }

    /** One block's arrivals in order: its first, then each varint difference added in turn. */
    private static final class Walk {
        private final byte[] bytes;
        private int at;
        long value;

        Walk(long first, byte[] bytes) {
            this.value = first;
            this.bytes = bytes;
        }

        /** The next arrival of the block. */
        long next() {
            long delta = 0;
            int shift = 0;
            byte b;
            do {
                b = bytes[at++];
                delta |= (long) (b & 0x7F) << shift;
                shift += 7;
            } while (b < 0);
            value += delta;
            return value;
        }
    }

    private void openBlock(long arrival) {
        if (head + blocks == bases.length) {
            if (head > bases.length / 2) {
                System.arraycopy(bases, head, bases, 0, blocks);
                System.arraycopy(deltas, head, deltas, 0, blocks);
                Arrays.fill(deltas, blocks, head + blocks, null);
                head = 0;
            } else {
                bases = Arrays.copyOf(bases, bases.length * 2);
                deltas = Arrays.copyOf(deltas, deltas.length * 2);
            }
        }
        bases[head + blocks] = arrival;
        deltas[head + blocks] = new byte[BLOCK - 1];
        blocks++;
        openCount = 1;
        openBytes = 0;
        last = arrival;
    }

    private void writeDelta(long delta) {
        last += delta;
        int slot = head + blocks - 1;
        byte[] bytes = deltas[slot];
        int needed = openBytes + (63 - Long.numberOfLeadingZeros(delta | 1)) / 7 + 1;
        if (needed > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.min(Math.max(needed, bytes.length * 2), (BLOCK - 1) * MAX_VARINT));
            deltas[slot] = bytes;
        }
        while ((delta & ~0x7FL) != 0) {
            bytes[openBytes++] = (byte) (delta | 0x80);
            delta >>>= 7;
        }
        bytes[openBytes++] = (byte) delta;
        if (++openCount == BLOCK && openBytes < bytes.length) {
            deltas[slot] = Arrays.copyOf(bytes, openBytes);
        }
    }
}
