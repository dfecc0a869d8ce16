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
 * <p>Only the newest blocks are held in memory ("warm"): once a block is {@value #WARM_BLOCKS} blocks behind the open
 * one and its records are durable ({@link #release}), it goes cold and its arrivals are read from the store
 * ({@code kinesis.arrivals}, through the {@link Reader} it is given) when a search lands in it. Cold blocks are grouped
 * in superblocks of {@value #SUPERBLOCK}, aligned by counter; memory keeps one arrival per cold superblock (that of the
 * first block that went cold in it). A search in the cold part finds its superblock by binary search, then its block by
 * binary search over the blocks' first arrivals, each read from the store by one seek (six or seven for a superblock),
 * then reads the 256 arrivals of that block. The first arrivals read from the last superblock searched, and the last
 * block read, stay in memory: retention and GetRecords search near the oldest record again and again. So a shard's
 * heap grows with its retained records by ~8 bytes per {@value #SUPERBLOCK} × {@value #BLOCK} records, with the
 * arrays' slack ~0.001 byte each, measured at 10M records (~1.2 with every block in memory; ~0.08 when each cold block
 * kept its first arrival).
 */
final class ArrivalIndex {
    static final int BLOCK = 256;
    private static final int SHIFT = Integer.numberOfTrailingZeros(BLOCK);
    /** Cold blocks per superblock: memory keeps one arrival for them all. */
    static final int SUPERBLOCK = 64;
    private static final int SUPER_SHIFT = Integer.numberOfTrailingZeros(SUPERBLOCK);
    private static final int MAX_VARINT = 10;
    /** Blocks behind the open one that stay in memory (a reader of recent records never reads the store). */
    static final int WARM_BLOCKS = 4;

    /**
     * Reads the arrivals of counters {@code [from, to)} from the store: calls {@code found} with each stored counter
     * and its arrival, in counter order (a counter whose record failed to be written has none), until it returns
     * false.
     */
    @FunctionalInterface
    interface Reader {
        void read(long from, long to, Found found);
    }

    /** One stored arrival, as a {@link Reader} hands it over; returns whether to go on. */
    @FunctionalInterface
    interface Found {
        boolean accept(long counter, long arrival);
    }

    /** A reader for an index whose blocks all stay in memory (it is never called then: {@link #release} is not). */
    static final Reader IN_MEMORY = (from, to, found) -> {
        throw new IllegalStateException("no store to read arrivals " + from + ".." + to + " from");
    };

    /** The counter of block 0's first record: blocks are aligned to it until the index is emptied. */
    private long origin = 1;
    private long firstCounter = 1;
    private long size;
    private long last;

    /** Warm blocks, numbered from {@link #origin}: {@code [warmFrom, warmFrom + blocks)}, in slots from head on. */
    private long[] bases = new long[16];
    private byte[][] deltas = new byte[16][];
    private int head;
    private int blocks;
    private long warmFrom;
    /** Records in the last (open) block, and the bytes of its array in use. */
    private int openCount;
    private int openBytes;

    /**
     * Cold superblocks {@code [superFrom, superFrom + supers)}, in slots from {@link #superHead}: for each, an arrival
     * at or below those of its records and at or above those of every record before it. Empty when no block is cold.
     */
    private long[] superBases = new long[4];
    private int superHead;
    private int supers;
    private long superFrom;

    /** The cold superblock searched last, and the first arrivals of its blocks read so far (a bit for each known). */
    private long cachedSuper = -1;
    private long knownFirsts;
    private long[] cachedFirsts;
    /** The cold block decoded last: its number, the first counter read, and the arrivals from there. */
    private long cachedBlock = -1;
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
            origin = firstCounter;
            warmFrom = 0;
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

    /**
     * Rebuilds this empty index for the stored records {@code [first, end)} (the store holds the arrivals of
     * {@code first} and {@code end - 1}) as {@link #release} leaves it once every record is durable: reads the newest
     * blocks in full and one arrival per cold superblock (one seek each), not every record's. Counters without a stored
     * arrival take the next stored one's, as everywhere.
     */
    void recover(long first, long end, Reader reader) {
        if (size != 0) {
            throw new IllegalStateException("index not empty");
        }
        firstCounter = first;
        if (end <= first) {
            return;
        }
        origin = first;
        long coldEnd = Math.max(0, ((end - first + BLOCK - 1) >>> SHIFT) - 1 - WARM_BLOCKS);
        long warmStart = start(coldEnd);
        long[] arrivals = new long[(int) (end - warmStart)];
        Arrays.fill(arrivals, Long.MIN_VALUE);
        reader.read(warmStart, end, (counter, arrival) -> {
            arrivals[(int) (counter - warmStart)] = arrival;
            return true;
        });
        fillGaps(arrivals, Long.MIN_VALUE); // the last one is stored
        warmFrom = coldEnd;
        size = warmStart - first; // the cold records: the next append opens the first warm block
        openCount = BLOCK;
        last = Long.MIN_VALUE;
        for (long arrival : arrivals) {
            append(arrival);
        }
        for (long superblock = 0; superblock << SUPER_SHIFT < coldEnd; superblock++) {
            pushSuper(superblock, firstStored(start(superblock << SUPER_SHIFT), reader));
        }
    }

    long arrival(long counter, Reader reader) {
        if (counter < firstCounter || counter >= endCounter()) {
            throw new IndexOutOfBoundsException("counter " + counter + " outside [" + firstCounter + ", " + endCounter() + ")");
        }
        long block = (counter - origin) >>> SHIFT;
        if (block < warmFrom) {
            long from = cold(block, reader);
            return cachedArrivals[(int) (counter - from)];
        }
        int slot = head + (int) (block - warmFrom);
        int steps = (int) (counter - origin) & (BLOCK - 1);
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
        if (size == 0) {
            return firstCounter;
        }
        long firstBlock = firstBlock();
        if (firstBlock < warmFrom && bases[head] >= millis) {
            return firstAtOrAfterCold(millis, firstBlock, reader);
        }
        int low = countBelow(bases, head, blocks, millis);
        if (low == 0) {
            return firstCounter;
        }
        int block = low - 1;
        long blockStart = start(warmFrom + block);
        int count = block == blocks - 1 ? openCount : BLOCK;
        Walk walk = new Walk(bases[head + block], deltas[head + block]);
        for (int i = 1; i < count; i++) {
            if (walk.next() >= millis) {
                return Math.max(firstCounter, blockStart + i);
            }
        }
        return low == blocks ? endCounter() : blockStart + BLOCK;
    }

    /** {@link #firstAtOrAfter} when every warm record arrived at or after {@code millis}. */
    private long firstAtOrAfterCold(long millis, long firstBlock, Reader reader) {
        int below = countBelow(superBases, superHead, supers, millis);
        if (below == 0) {
            return firstCounter;
        }
        long superblock = superFrom + below - 1;
        long from = Math.max(superblock << SUPER_SHIFT, firstBlock);
        long to = Math.min((superblock + 1) << SUPER_SHIFT, warmFrom);
        if (cachedSuper != superblock) {
            cachedSuper = superblock;
            knownFirsts = 0;
        }
        long low = from;
        long high = to;
        while (low < high) {
            long mid = (low + high) >>> 1;
            if (firstArrival(mid, reader) < millis) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        long block = low - 1;
        if (block < from) { // the superblock's mark is below its records: its first retained one is the answer
            return Math.max(firstCounter, start(from));
        }
        long counter = cold(block, reader);
        for (long arrival : cachedArrivals) {
            if (arrival >= millis) {
                return counter;
            }
            counter++;
        }
        return start(block + 1);
    }

    /** Forgets every record below {@code counter}. */
    void dropBefore(long counter) {
        long drop = Math.min(Math.max(0, counter - firstCounter), size);
        firstCounter += drop;
        size -= drop;
        cachedBlock = -1; // its first counter read may be gone now
        cachedArrivals = null;
        if (size == 0) {
            Arrays.fill(deltas, head, head + blocks, null);
            head = 0;
            blocks = 0;
            warmFrom = 0;
            clearCold();
            return;
        }
        long firstBlock = firstBlock();
        if (firstBlock > warmFrom) {
            int whole = (int) (firstBlock - warmFrom);
            Arrays.fill(deltas, head, head + whole, null);
            head += whole;
            blocks -= whole;
            warmFrom = firstBlock;
        }
        if (firstBlock >= warmFrom) {
            clearCold();
        } else {
            int gone = (int) ((firstBlock >>> SUPER_SHIFT) - superFrom);
            superHead += gone;
            supers -= gone;
            superFrom += gone;
        }
    }

    /**
     * Lets go of the blocks more than {@value #WARM_BLOCKS} behind the open one whose records are all at or below
     * {@code durableCounter} (the store shows them): a later search in them reads the store.
     */
    void release(long durableCounter) {
        while (blocks - 1 > WARM_BLOCKS && start(warmFrom + 1) - 1 <= durableCounter) {
            long superblock = warmFrom >>> SUPER_SHIFT;
            if (supers == 0 || superFrom + supers == superblock) {
                pushSuper(superblock, bases[head]);
            }
            deltas[head] = null;
            head++;
            blocks--;
            warmFrom++;
        }
    }

    /** Blocks let go (tests). */
    int coldBlocks() {
        return size == 0 ? 0 : (int) Math.max(0, warmFrom - firstBlock());
    }

    /** The bytes of the index's arrays (headers included, object alignment not), for tests and estimates. */
    long footprintBytes() {
        long bytes = 2L * (16 + 8L * bases.length) + 16 + 8L * superBases.length;
        for (int i = head; i < head + blocks; i++) {
            bytes += 16 + deltas[i].length;
        }
        bytes += cachedFirsts == null ? 0 : 16 + 8L * cachedFirsts.length;
        return bytes + (cachedArrivals == null ? 0 : 16 + 8L * cachedArrivals.length);
    }

    /** How many of the {@code count} sorted values from {@code values[from]} are below {@code millis}. */
    private static int countBelow(long[] values, int from, int count, long millis) {
        int low = 0;
        int high = count;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (values[from + mid] < millis) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    private long firstBlock() {
        return (firstCounter - origin) >>> SHIFT;
    }

    /** The counter of block {@code block}'s first record. */
    private long start(long block) {
        return origin + (block << SHIFT);
    }

    private void clearCold() {
        superHead = 0;
        supers = 0;
        cachedSuper = -1;
    }

    private void pushSuper(long superblock, long arrival) {
        if (supers == 0) {
            superHead = 0;
            superFrom = superblock;
        } else if (superHead + supers == superBases.length) {
            if (superHead > superBases.length / 2) {
                System.arraycopy(superBases, superHead, superBases, 0, supers);
                superHead = 0;
            } else {
                superBases = Arrays.copyOf(superBases, superBases.length * 2);
            }
        }
        superBases[superHead + supers++] = arrival;
    }

    /**
     * The first arrival of cold block {@code block} of the cached superblock, read from the store unless read before:
     * that of its first stored record still indexed (a counter without a record counts as the next one, as recovery
     * indexes it).
     */
    private long firstArrival(long block, Reader reader) {
        int bit = (int) block & (SUPERBLOCK - 1);
        if ((knownFirsts & 1L << bit) == 0) {
            if (cachedFirsts == null) {
                cachedFirsts = new long[SUPERBLOCK];
            }
            cachedFirsts[bit] = firstStored(Math.max(start(block), firstCounter), reader);
            knownFirsts |= 1L << bit;
        }
        return cachedFirsts[bit];
    }

    /** The arrival of the first stored record from counter {@code from} on, up to the warm blocks' first arrival. */
    private long firstStored(long from, Reader reader) {
        long[] found = {bases[head]};
        reader.read(from, start(warmFrom), (counter, arrival) -> {
            found[0] = arrival;
            return false;
        });
        return found[0];
    }

    /**
     * Decodes cold block {@code block} into the cache, reading it from the store unless it is the cached one; returns
     * the counter of {@code cachedArrivals[0]} (the block's first record still indexed).
     */
    private long cold(long block, Reader reader) {
        if (block == cachedBlock) {
            return cachedFrom;
        }
        long blockStart = start(block);
        long from = Math.max(blockStart, firstCounter);
        int count = (int) (blockStart + BLOCK - from);
        long[] arrivals = new long[count];
        Arrays.fill(arrivals, Long.MIN_VALUE);
        reader.read(from, from + count, (counter, arrival) -> {
            if (counter >= from && counter < from + count) {
                arrivals[(int) (counter - from)] = arrival;
            }
            return true;
        });
        fillGaps(arrivals, arrivals[count - 1] == Long.MIN_VALUE ? firstStored(blockStart + BLOCK, reader) : 0);
        cachedBlock = block;
        cachedFrom = from;
        cachedArrivals = arrivals;
        return from;
    }

    /**
     * Gives each counter without a stored record ({@code Long.MIN_VALUE}: its batch failed to submit) the arrival of the
     * next one, as recovery indexes it; the last one, {@code after} (the first stored beyond them).
     */
    private static void fillGaps(long[] arrivals, long after) {
        long next = after;
        for (int i = arrivals.length - 1; i >= 0; i--) {
            if (arrivals[i] == Long.MIN_VALUE) {
                arrivals[i] = next;
            }
            next = arrivals[i];
        }
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
