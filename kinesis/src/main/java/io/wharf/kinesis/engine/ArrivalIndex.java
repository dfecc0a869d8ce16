package io.wharf.kinesis.engine;

import java.util.Arrays;

/**
 * The in-memory index of one shard's retained records: their arrival times (epoch ms, non-decreasing) by
 * counter. It answers "first record at or after time t" (AT_TIMESTAMP, retention) by binary search, without
 * touching the records. Eight bytes per retained record. Not thread-safe: the shard's lock guards it.
 */
final class ArrivalIndex {
    private long[] arrivals = new long[64];
    private int head;       // slot of firstCounter
    private int size;
    private long firstCounter = 1;

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

    /** Appends the record with counter {@link #endCounter()}. */
    void append(long arrivalMillis) {
        if (head + size == arrivals.length) {
            if (head > arrivals.length / 2) {
                System.arraycopy(arrivals, head, arrivals, 0, size);
                head = 0;
            } else {
                arrivals = Arrays.copyOf(arrivals, arrivals.length * 2);
            }
        }
        arrivals[head + size++] = arrivalMillis;
    }

    /** Restarts an empty index at {@code counter} (recovery of a shard whose oldest records were trimmed). */
    void startAt(long counter) {
        if (size != 0) {
            throw new IllegalStateException("index not empty");
        }
        firstCounter = counter;
    }

    long arrival(long counter) {
        if (counter < firstCounter || counter >= endCounter()) {
            throw new IndexOutOfBoundsException("counter " + counter + " outside [" + firstCounter + ", " + endCounter() + ")");
        }
        return arrivals[head + (int) (counter - firstCounter)];
    }

    /** The counter of the first record that arrived at or after {@code millis}; {@link #endCounter()} if none. */
    long firstAtOrAfter(long millis) {
        int low = 0;
        int high = size;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (arrivals[head + mid] < millis) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return firstCounter + low;
    }

    /** Forgets every record below {@code counter}. */
    void dropBefore(long counter) {
        long drop = Math.min(Math.max(0, counter - firstCounter), size);
        head += (int) drop;
        size -= (int) drop;
        firstCounter += drop;
        if (size == 0) {
            head = 0;
        }
    }
}
