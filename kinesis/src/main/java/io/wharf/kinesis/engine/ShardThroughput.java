package io.wharf.kinesis.engine;

/**
 * One shard's throughput (kinesis.md §2.10): what it may still take in and hand out, and what it took in
 * since on-demand scaling last looked ({@link OnDemandScaler}).
 *
 * <p>Each limit is a token bucket on the engine's clock, holding at most one second's worth and refilled
 * continuously, so a shard takes 1 MiB and 1,000 records in any second, bursts included, and the same
 * requests on a manual clock always get the same answers. A request for more than one second's worth
 * (a record above 1 MiB on a stream with a larger MaxRecordSizeInKiB, a GetRecords answer above 2 MiB)
 * is let through when the bucket is full and leaves it in debt: after a 10 MiB read the shard refuses reads
 * for about four seconds, which is what AWS describes ("the next 5 seconds"). Guarded by its own monitor:
 * writers hold the shard lock as well, readers do not.
 */
final class ShardThroughput {
    /** AWS's per-shard limits, provisioned and on-demand alike. */
    static final long WRITE_BYTES_PER_SECOND = 1024 * 1024;
    static final long WRITE_RECORDS_PER_SECOND = 1_000;
    static final long READ_BYTES_PER_SECOND = 2 * 1024 * 1024;
    static final long READ_CALLS_PER_SECOND = 5;

    private final Bucket writeBytes;
    private final Bucket writeRecords;
    private final Bucket readBytes;
    private final Bucket readCalls;
    /** What was written since {@link #drainWindow}: the input of on-demand scaling. */
    private long windowBytes;
    private long windowRecords;

    ShardThroughput(long nowMillis) {
        writeBytes = new Bucket(WRITE_BYTES_PER_SECOND, nowMillis);
        writeRecords = new Bucket(WRITE_RECORDS_PER_SECOND, nowMillis);
        readBytes = new Bucket(READ_BYTES_PER_SECOND, nowMillis);
        readCalls = new Bucket(READ_CALLS_PER_SECOND, nowMillis);
    }

    /**
     * One record of {@code bytes} (data and partition key, as AWS counts them) arriving: taken and counted,
     * or, when {@code enforce} and the shard has no room for it, refused (false) and not counted.
     */
    synchronized boolean admitWrite(long bytes, long nowMillis, boolean enforce) {
        if (enforce) {
            writeBytes.refill(nowMillis);
            writeRecords.refill(nowMillis);
            if (!writeBytes.has(bytes) || !writeRecords.has(1)) {
                return false;
            }
            writeBytes.take(bytes);
            writeRecords.take(1);
        }
        windowBytes += bytes;
        windowRecords++;
        return true;
    }

    /** A GetRecords call: false when the shard already served five this second or its read bytes are in debt. */
    synchronized boolean admitRead(long nowMillis) {
        readCalls.refill(nowMillis);
        readBytes.refill(nowMillis);
        if (!readCalls.has(1) || !readBytes.positive()) {
            return false;
        }
        readCalls.take(1);
        return true;
    }

    /** Bytes a GetRecords call answered with (charged after the read: its size is known only then). */
    synchronized void charged(long bytes, long nowMillis) {
        readBytes.refill(nowMillis);
        readBytes.take(bytes);
    }

    /** Bytes and records written since the last call; starts a new window. */
    synchronized long[] drainWindow() {
        long[] written = {windowBytes, windowRecords};
        windowBytes = 0;
        windowRecords = 0;
        return written;
    }

    /** A token bucket; tokens are kept in thousandths so that a millisecond adds a whole number of them. */
    private static final class Bucket {
        private final long perSecond;
        private long milliTokens;
        private long refilledAtMillis;

        Bucket(long perSecond, long nowMillis) {
            this.perSecond = perSecond;
            this.milliTokens = perSecond * 1000;
            this.refilledAtMillis = nowMillis;
        }

        void refill(long nowMillis) {
            long elapsed = nowMillis - refilledAtMillis;
            if (elapsed <= 0) {
                return; // a clock that went back refills nothing
            }
            long capacity = perSecond * 1000;
            // Debt may be deep (a 10 MiB read), so cap the elapsed time generously rather than at one second.
            long added = Math.min(elapsed, 3_600_000L) * perSecond;
            milliTokens = Math.min(capacity, milliTokens + added);
            refilledAtMillis = nowMillis;
        }

        /** Room for {@code amount}; anything above one second's worth needs a full bucket. */
        boolean has(long amount) {
            return milliTokens >= Math.min(amount, perSecond) * 1000;
        }

        boolean positive() {
            return milliTokens > 0;
        }

        void take(long amount) {
            milliTokens -= amount * 1000;
        }
    }
}
