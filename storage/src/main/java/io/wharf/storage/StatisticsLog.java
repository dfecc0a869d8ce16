package io.wharf.storage;

import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.Statistics;
import org.rocksdb.StatsLevel;
import org.rocksdb.TickerType;

import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * A measuring aid, off unless the system property {@value #PROPERTY} names a file: RocksDB's statistics switched on,
 * and every {@value #PERIOD_MILLIS} ms one line appended to the file with the cumulative counters since the store
 * opened, so a load generator can take the difference over its own measured window (wharf-bench
 * {@code compare --store-stats}; docs/benchmarks.md). At close, RocksDB's own {@code rocksdb.stats} and each key
 * space's {@code rocksdb.cfstats} follow (levels, write amplification, stalls).
 *
 * <p>A line: {@code t=<epoch ms>} then {@code name=value} pairs: {@code puts}, {@code deletes}, {@code deleteRanges}
 * (operations of Wharf's batches), {@code jvmAllocatedBytes} (all threads of the
 * JVM, virtual threads counted on their carriers), {@code gcCount}, {@code gcMillis}, {@code groupWriteMaxMicros}
 * and {@code groupWaitMaxMicros} (the slowest group commit's write, and the longest a group's first batch waited for
 * its write to begin, since the line before: not cumulative), then RocksDB tickers by their
 * {@link TickerType} name ({@code WAL_FILE_BYTES}, {@code FLUSH_WRITE_BYTES}, {@code COMPACT_WRITE_BYTES},
 * {@code COMPACTION_CPU_TOTAL_TIME} in µs, …). Nothing in it is a key or a value.
 *
 * <p>Statistics cost RocksDB some CPU (a few percent by its own account): the property is for measuring, not for production.
 */
final class StatisticsLog implements AutoCloseable {
    /** The system property naming the file; unset, nothing is measured. */
    static final String PROPERTY = "wharf.storage.statistics";
    static final long PERIOD_MILLIS = 200;

    private static final List<TickerType> TICKERS = List.of(TickerType.BYTES_WRITTEN, TickerType.NUMBER_KEYS_WRITTEN,
            TickerType.WAL_FILE_BYTES, TickerType.WAL_FILE_SYNCED, TickerType.WRITE_DONE_BY_SELF,
            TickerType.WRITE_DONE_BY_OTHER, TickerType.FLUSH_WRITE_BYTES, TickerType.COMPACT_READ_BYTES,
            TickerType.COMPACT_WRITE_BYTES, TickerType.COMPACTION_CPU_TOTAL_TIME,
            TickerType.COMPACTION_KEY_DROP_NEWER_ENTRY, TickerType.COMPACTION_KEY_DROP_OBSOLETE,
            TickerType.COMPACTION_KEY_DROP_RANGE_DEL, TickerType.MEMTABLE_PAYLOAD_BYTES_AT_FLUSH,
            TickerType.MEMTABLE_GARBAGE_BYTES_AT_FLUSH, TickerType.STALL_MICROS, TickerType.NUMBER_KEYS_READ);

    private final Path file;
    private final Statistics statistics;
    private final LongAdder puts = new LongAdder();
    private final LongAdder deletes = new LongAdder();
    private final LongAdder deleteRanges = new LongAdder();
    private volatile RocksDB db;
    private volatile Map<String, ColumnFamilyHandle> families;
    private volatile GroupCommitter committer;
    private final Thread writer;
    private volatile boolean closed;

    private StatisticsLog(Path file) {
        this.file = file;
        this.statistics = new Statistics();
        statistics.setStatsLevel(StatsLevel.EXCEPT_DETAILED_TIMERS);
        this.writer = Thread.ofPlatform().daemon().name("wharf-store-statistics").unstarted(this::run);
    }

    /** The log the property asks for, or null. */
    static StatisticsLog fromProperty() {
        String file = System.getProperty(PROPERTY);
        return file == null || file.isBlank() ? null : new StatisticsLog(Path.of(file));
    }

    static StatisticsLog to(Path file) {
        return new StatisticsLog(file);
    }

    Statistics statistics() {
        return statistics;
    }

    /** Starts the periodic lines once the database is open. */
    void start(RocksDB openedDb, Map<String, ColumnFamilyHandle> openFamilies, GroupCommitter groupCommitter) {
        this.db = openedDb;
        this.families = openFamilies;
        this.committer = groupCommitter;
        writer.start();
    }

    void counted(WriteBatch batch) {
        for (WriteBatch.Op op : batch.ops()) {
            switch (op.kind()) {
                case PUT -> puts.increment();
                case DELETE -> deletes.increment();
                case DELETE_RANGE -> deleteRanges.increment();
            }
        }
    }

    private void run() {
        while (!closed) {
            try {
                Thread.sleep(PERIOD_MILLIS);
                append(line());
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                return; // a measuring aid: a full disk or a closed store ends the log, not the server
            }
        }
    }

    String line() {
        StringBuilder line = new StringBuilder("t=").append(System.currentTimeMillis())
                .append(" puts=").append(puts.sum()).append(" deletes=").append(deletes.sum())
                .append(" deleteRanges=").append(deleteRanges.sum());
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads) {
            line.append(" jvmAllocatedBytes=").append(threads.getTotalThreadAllocatedBytes());
        }
        long gcCount = 0;
        long gcMillis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcCount += Math.max(0, gc.getCollectionCount());
            gcMillis += Math.max(0, gc.getCollectionTime());
        }
        line.append(" gcCount=").append(gcCount).append(" gcMillis=").append(gcMillis);
        GroupCommitter groups = committer;
        if (groups != null) {
            long[] maxima = groups.takePeriodMaxima();
            line.append(" groupWriteMaxMicros=").append(maxima[0] / 1_000)
                    .append(" groupWaitMaxMicros=").append(maxima[1] / 1_000);
        }
        for (TickerType ticker : TICKERS) {
            line.append(' ').append(ticker.name()).append('=').append(statistics.getTickerCount(ticker));
        }
        return line.append('\n').toString();
    }

    private synchronized void append(String text) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
            out.write(text);
        }
    }

    /** The last line, then RocksDB's own summaries; before the database closes. */
    @Override
    public void close() {
        closed = true;
        writer.interrupt();
        try {
            writer.join(2_000);
            if (db != null) {
                StringBuilder summary = new StringBuilder(line()).append("# rocksdb.stats\n")
                        .append(db.getProperty("rocksdb.stats")).append('\n');
                for (Map.Entry<String, ColumnFamilyHandle> family : families.entrySet()) {
                    summary.append("# rocksdb.cfstats ").append(family.getKey()).append('\n')
                            .append(db.getProperty(family.getValue(), "rocksdb.cfstats")).append('\n');
                }
                append(summary.toString());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RocksDBException | RuntimeException e) {
            // a measuring aid: closing the store goes on
        } finally {
            statistics.close();
        }
    }
}
