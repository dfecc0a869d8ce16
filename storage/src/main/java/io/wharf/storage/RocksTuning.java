package io.wharf.storage;

/**
 * What the operator may size in a {@link RocksStore}: how much write-ahead log it keeps live, and how much memory its
 * memtables take. Both trade memory and disk against work: a smaller log is replayed faster after a crash but makes
 * RocksDB flush more often (each flush a burst of writes); a smaller memtable budget lowers the process's memory by
 * as much and flushes smaller tables more often (docs/configuration.md: {@code --store-wal-mib},
 * {@code --store-memtable-mib}).
 *
 * @param walBytes      the live write-ahead log's cap ({@code max_total_wal_size}); past it RocksDB flushes every key
 *                      space that still has changes in the oldest log file, then deletes that file
 * @param memtableBytes what all key spaces' memtables may hold together ({@code db_write_buffer_size}); past it the
 *                      largest is flushed
 */
public record RocksTuning(long walBytes, long memtableBytes) {
    /**
     * 64 MiB of log. Past the cap RocksDB flushes every key space that still has changes in the oldest log file, however
     * few, and then deletes that file: at 5,000 msgs/s, a round every ~10 s. For part of 7 December it was 512 MiB, to
     * space out the old logs' deletions, which stalled the WAL's fsync while each was one whole {@code unlink}. Deleted
     * a chunk at a time ({@code RocksStore.DELETE_CHUNK_BYTES}) they no longer stall it, and 64 MiB keeps the log on
     * disk, and its replay after a crash, small: a restart in ~2 s against ~3.3 s at 512 MiB (docs/benchmarks.md,
     * "chunked deletion of old files").
     */
    public static final long DEFAULT_WAL_BYTES = 64L << 20;
    /** The WAL cap bounds the memtables too, but only as the log's bytes; this bound holds for their memory. */
    public static final long DEFAULT_MEMTABLE_BYTES = 256L << 20;
    /** Below this a busy store would flush every few hundred milliseconds. */
    public static final long MIN_BYTES = 16L << 20;
    /** A bound for typing mistakes, not RocksDB's: 64 GiB. */
    public static final long MAX_BYTES = 64L << 30;
    public static final RocksTuning DEFAULTS = new RocksTuning(DEFAULT_WAL_BYTES, DEFAULT_MEMTABLE_BYTES);

    /** @throws IllegalArgumentException when either is outside {@link #MIN_BYTES}..{@link #MAX_BYTES} */
    public RocksTuning {
        check("walBytes", walBytes);
        check("memtableBytes", memtableBytes);
    }

    private static void check(String name, long bytes) {
        if (bytes < MIN_BYTES || bytes > MAX_BYTES) {
            throw new IllegalArgumentException(name + " must be " + MIN_BYTES + "-" + MAX_BYTES + " bytes, not " + bytes);
        }
    }
}
