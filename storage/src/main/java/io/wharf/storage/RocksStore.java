package io.wharf.storage;

import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.Env;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.SstFileManager;
import org.rocksdb.Status;
import org.rocksdb.WALRecoveryMode;
import org.rocksdb.WriteOptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;

/**
 * The durable store: one RocksDB database per data directory, one column family per {@link KeySpace}.
 *
 * <p>Writes are group-committed ({@link GroupCommitter}): concurrent callers' batches are gathered into one
 * RocksDB write batch, written once with {@code sync=true}, and every caller returns after that one fsync.
 * With {@link FsyncMode#NEVER} the caller writes directly to the write-ahead log without syncing, inside
 * {@link #submit}. Either way batches become durable in submission order, and the first failed write or
 * fsync fails the store for good (fail-stop, see {@link Store}): reopening it recovers what is on disk.
 *
 * <p>Layout on disk: {@code <data-dir>/rocksdb/} holds the RocksDB files (WAL, SST, MANIFEST, OPTIONS);
 * the key/value layout inside each column family belongs to the engine that owns it (see its javadoc). The
 * default column family holds one key of Wharf's own, {@link #STORE_ID_KEY}: the store's identity, which the
 * server compares with the marker file beside {@code rocksdb/} to tell an emptied or swapped store.
 *
 * <p><b>Damage is refused, not skipped</b> (docs/durability.md, "Corruption"): the WAL is replayed in
 * {@link WALRecoveryMode#TolerateCorruptedTailRecords} — a record cut short at the very end (a crash or power
 * loss in the middle of a write that was never acknowledged) is dropped, any checksum mismatch refuses to open;
 * RocksDB's default, point-in-time recovery, would instead stop replaying at the first bad record and open
 * without everything after it. Every table file's checksums are verified at open ({@link #open}), and a
 * corruption met later (a read, a flush, a compaction) fails the store as a failed write does. Files and
 * directories are kept owner-only ({@link OwnerOnly}).
 */
public final class RocksStore implements Store {
    static {
        RocksNative.load();
    }

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RocksStore.class);

    /** The key, in the default column family, under which the store keeps its identity (UTF-8 text). */
    static final byte[] STORE_ID_KEY = "wharf.store-id".getBytes(StandardCharsets.UTF_8);

    /**
     * Obsolete files (old logs, compacted tables) are deleted by a background thread, a chunk at a time: renamed to
     * {@code <name>.trash}, cut down {@value #DELETE_CHUNK_BYTES} bytes per {@code ftruncate}, then unlinked. On this
     * project's disk (ext4 with {@code discard}) the {@code unlink} of a whole 64 MiB log took 16-52 ms, and a WAL
     * fsync running meanwhile waited as long: every acknowledged write stalled (docs/benchmarks.md, "chunked deletion
     * of old files"). Cut in chunks, the WAL's syncs during deletions were about as fast as at other times (p99 4.1 ms
     * against 3.3 ms, measured there).
     */
    static final long DELETE_CHUNK_BYTES = 1L << 20;
    /** The background deleter's pace: far above the rate files become obsolete under load, so trash never piles up. */
    static final long DELETE_BYTES_PER_SECOND = 256L << 20;
    /**
     * RocksDB deletes a file at once, whole, when the trash already waiting exceeds this share of the live table files'
     * size. With its default, 0.25, once one retired log waits, the others a flush round retires with it would be
     * unlinked whole, stalls included (RocksDB's {@code DeleteScheduler::DeleteFile}). So high that it never does.
     */
    static final double TRASH_SHARE_BEFORE_DELETING_AT_ONCE = 1_000_000.0;

    private final Path directory;
    private final FsyncMode fsyncMode;
    private final DBOptions dbOptions;
    private final SstFileManager fileDeleter;
    private final ColumnFamilyOptions familyOptions;
    private final RocksDB db;
    private final Map<String, ColumnFamilyHandle> families = new ConcurrentHashMap<>();
    private final List<ColumnFamilyHandle> openHandles = new ArrayList<>();
    private final WriteOptions syncWrite;
    private final WriteOptions plainWrite;
    private final GroupCommitter committer;
    private volatile boolean closed;
    private final StoreEvents events;
    // FsyncMode.NEVER's write failures, and corruption or background errors in every mode; the committer has its own
    private volatile StorageException failed;
    // null unless measuring (StatisticsLog.PROPERTY)
    private final StatisticsLog statisticsLog;

    private RocksStore(Path directory, FsyncMode fsyncMode, RocksTuning tuning, StatisticsLog statisticsLog,
                       long deleteBytesPerSecond) throws RocksDBException, IOException {
        this.directory = directory;
        this.fsyncMode = fsyncMode;
        this.statisticsLog = statisticsLog;
        Files.createDirectories(directory);
        OwnerOnly.restrict(directory);
        fileDeleter = new SstFileManager(Env.getDefault(), null, deleteBytesPerSecond,
                TRASH_SHARE_BEFORE_DELETING_AT_ONCE, DELETE_CHUNK_BYTES);
        familyOptions = new ColumnFamilyOptions();
        events = new StoreEvents(directory, this::fail);
        dbOptions = new DBOptions()
                .setCreateIfMissing(true)
                .setCreateMissingColumnFamilies(true)
                .setParanoidChecks(true)
                .setWalRecoveryMode(WALRecoveryMode.TolerateCorruptedTailRecords)
                .setListeners(List.of(events))
                .setInfoLogLevel(InfoLogLevel.WARN_LEVEL)
                .setKeepLogFileNum(2)
                .setMaxTotalWalSize(tuning.walBytes())
                .setDbWriteBufferSize(tuning.memtableBytes())
                .setSstFileManager(fileDeleter);
        if (statisticsLog != null) {
            dbOptions.setStatistics(statisticsLog.statistics());
        }
        List<byte[]> existing;
        try (Options options = new Options()) {
            existing = RocksDB.listColumnFamilies(options, directory.toString());
        } catch (RocksDBException e) {
            releaseOptions();
            throw e;
        }
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, familyOptions));
        for (byte[] name : existing) {
            if (!new String(name, StandardCharsets.UTF_8).equals("default")) {
                descriptors.add(new ColumnFamilyDescriptor(name, familyOptions));
            }
        }
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        try {
            db = RocksDB.open(dbOptions, directory.toString(), descriptors, handles);
        } catch (RocksDBException e) {
            releaseOptions();
            throw e;
        }
        try {
            // Table files are only read block by block when asked for: without this, a damaged block would
            // surface as a failed read of whatever it holds, long after start (issue 12: 21 messages stuck behind 500s).
            db.verifyChecksum();
        } catch (RocksDBException e) {
            handles.forEach(ColumnFamilyHandle::close);
            db.close();
            releaseOptions();
            throw e;
        }
        OwnerOnly.restrictTree(directory);
        openHandles.addAll(handles);
        for (int i = 0; i < descriptors.size(); i++) {
            families.put(new String(descriptors.get(i).getName(), StandardCharsets.UTF_8), handles.get(i));
        }
        syncWrite = new WriteOptions().setSync(true);
        plainWrite = new WriteOptions().setSync(false);
        committer = new GroupCommitter(db, syncWrite, this::encode, this::fail);
        if (statisticsLog != null) {
            statisticsLog.start(db, families, committer);
        }
    }

    /**
     * Opens (creating if needed) the store in {@code directory}, after verifying the checksums of every table
     * file and replaying the write-ahead log strictly (see the class comment).
     *
     * @throws StoreDamagedException when the WAL or a table file is damaged (nothing was changed on disk)
     * @throws StoreLockedException  when another process has the store open
     * @throws StorageException      when it cannot be opened for another reason
     */
    public static RocksStore open(Path directory, FsyncMode fsyncMode) {
        return open(directory, fsyncMode, RocksTuning.DEFAULTS);
    }

    /** As {@link #open(Path, FsyncMode)}, with the log's cap and the memtables' budget as given. */
    public static RocksStore open(Path directory, FsyncMode fsyncMode, RocksTuning tuning) {
        return open(directory, fsyncMode, tuning, StatisticsLog.fromProperty(), DELETE_BYTES_PER_SECOND);
    }

    /** With {@code statisticsLog} measuring (null: not). */
    static RocksStore open(Path directory, FsyncMode fsyncMode, StatisticsLog statisticsLog) {
        return open(directory, fsyncMode, statisticsLog, DELETE_BYTES_PER_SECOND);
    }

    /** With the background deleter's pace set (tests slow it down to watch it). */
    static RocksStore open(Path directory, FsyncMode fsyncMode, StatisticsLog statisticsLog, long deleteBytesPerSecond) {
        return open(directory, fsyncMode, RocksTuning.DEFAULTS, statisticsLog, deleteBytesPerSecond);
    }

    private static RocksStore open(Path directory, FsyncMode fsyncMode, RocksTuning tuning, StatisticsLog statisticsLog,
                                   long deleteBytesPerSecond) {
        Objects.requireNonNull(tuning, "tuning");
        try {
            return new RocksStore(directory, fsyncMode, tuning, statisticsLog, deleteBytesPerSecond);
        } catch (RocksDBException e) {
            OwnerOnly.restrictTree(directory); // RocksDB may have rotated its info LOG before failing
            throw openFailure(directory, e);
        } catch (IOException e) {
            throw new StorageException("cannot open the store in " + directory + ": " + e.getMessage(), e);
        }
    }

    /** Whether {@code directory} holds a RocksDB database (its CURRENT file names the live MANIFEST). */
    public static boolean exists(Path directory) {
        return Files.isRegularFile(directory.resolve("CURRENT"));
    }

    static StorageException openFailure(Path directory, RocksDBException e) {
        String message = String.valueOf(e.getMessage());
        if (isCorruption(e)) {
            return new StoreDamagedException("the store in " + directory + " is damaged: " + message, e);
        }
        if (message.contains("lock file") || message.contains("LOCK")) {
            return new StoreLockedException("another process is using the store in " + directory.toAbsolutePath()
                    + " (" + message + ")", e);
        }
        return new StorageException("cannot open the store in " + directory + ": " + message, e);
    }

    static boolean isCorruption(RocksDBException e) {
        Status status = e.getStatus();
        return status != null && status.getCode() == Status.Code.Corruption
                || String.valueOf(e.getMessage()).contains("Corruption");
    }

    private void releaseOptions() {
        dbOptions.close();
        fileDeleter.close(); // trash not yet deleted stays as *.trash; the next open deletes it
        familyOptions.close();
        events.close();
    }

    public Path directory() {
        return directory;
    }

    public FsyncMode fsyncMode() {
        return fsyncMode;
    }

    @Override
    public KeySpace keySpace(String name) {
        ensureOpen();
        if (families.containsKey(name)) {
            return new KeySpace(name);
        }
        families.computeIfAbsent(name, n -> {
            try {
                ColumnFamilyHandle handle = db.createColumnFamily(
                        new ColumnFamilyDescriptor(n.getBytes(StandardCharsets.UTF_8), familyOptions));
                synchronized (openHandles) {
                    openHandles.add(handle);
                }
                return handle;
            } catch (RocksDBException e) {
                throw new StorageException("cannot create key space " + n, e);
            }
        });
        OwnerOnly.restrictTree(directory); // a new column family rewrites OPTIONS and MANIFEST
        return new KeySpace(name);
    }

    ColumnFamilyHandle family(KeySpace space) {
        ColumnFamilyHandle handle = families.get(space.name());
        if (handle == null) {
            throw new StorageException("unknown key space " + space.name());
        }
        return handle;
    }

    @Override
    public Commit submit(WriteBatch batch) {
        ensureWritable();
        for (WriteBatch.Op op : batch.ops()) {
            family(op.space()); // unknown key spaces fail the caller alone, before its batch joins a group
        }
        if (fsyncMode == FsyncMode.ALWAYS) {
            return Commit.of(committer.submit(batch));
        }
        if (batch.isEmpty()) {
            return Commit.DONE;
        }
        // unsynced writes are durable as far as this mode promises once in the WAL; RocksDB orders them itself
        try (org.rocksdb.WriteBatch native_ = new org.rocksdb.WriteBatch()) {
            encode(batch, native_);
            db.write(plainWrite, native_);
            return Commit.DONE;
        } catch (RocksDBException | RuntimeException e) {
            StorageException failure = new StorageException("store failed: write failed: " + e.getMessage(), e);
            fail(failure);
            throw failure;
        }
    }

    private void encode(WriteBatch batch, org.rocksdb.WriteBatch into) throws RocksDBException {
        if (statisticsLog != null) {
            statisticsLog.counted(batch);
        }
        for (WriteBatch.Op op : batch.ops()) {
            ColumnFamilyHandle family = family(op.space());
            switch (op.kind()) {
                case PUT -> into.put(family, op.key(), op.value());
                case DELETE -> into.delete(family, op.key());
                case DELETE_RANGE -> into.deleteRange(family, op.key(), op.endKey());
            }
        }
    }

    @Override
    public byte[] get(KeySpace space, byte[] key) {
        ensureOpen();
        try {
            return db.get(family(space), key);
        } catch (RocksDBException e) {
            throw readFailure("read failed: ", e);
        }
    }

    @Override
    public void scan(KeySpace space, byte[] prefix, BiConsumer<byte[], byte[]> visitor) {
        ensureOpen();
        try (ReadOptions options = new ReadOptions().setFillCache(false);
             RocksIterator it = db.newIterator(family(space), options)) {
            if (prefix.length == 0) {
                it.seekToFirst();
            } else {
                it.seek(prefix);
            }
            for (; it.isValid(); it.next()) {
                byte[] key = it.key();
                if (!MemoryStore.startsWith(key, prefix)) {
                    break;
                }
                visitor.accept(key, it.value());
            }
            it.status();
        } catch (RocksDBException e) {
            throw readFailure("scan failed: ", e);
        }
    }

    @Override
    public void scan(KeySpace space, byte[] from, byte[] to, BiPredicate<byte[], byte[]> visitor) {
        ensureOpen();
        if (Arrays.compareUnsigned(from, to) >= 0) {
            return;
        }
        try (Slice upper = new Slice(to);
             ReadOptions options = new ReadOptions().setIterateUpperBound(upper);
             RocksIterator it = db.newIterator(family(space), options)) {
            for (it.seek(from); it.isValid(); it.next()) {
                if (!visitor.test(it.key(), it.value())) {
                    break;
                }
            }
            it.status();
        } catch (RocksDBException e) {
            throw readFailure("scan failed: ", e);
        }
    }

    @Override
    public StoreStats stats() {
        return committer.stats();
    }

    /** Bytes the database occupies on disk (live SST files plus WAL), for reports and tests. */
    public long sizeOnDisk() {
        try (var files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            return -1;
        }
    }

    /** Forces a compaction of every key space so deleted data leaves the disk now (tests, maintenance). */
    public void compact() {
        ensureOpen();
        try {
            for (ColumnFamilyHandle handle : families.values()) {
                db.compactRange(handle);
            }
        } catch (RocksDBException e) {
            throw new StorageException("compaction failed: " + e.getMessage(), e);
        }
    }

    /**
     * A failed read; a corruption also fails the store: what is on disk is not what was written, and going on
     * would answer from (and write on top of) data that is partly gone.
     */
    private StorageException readFailure(String what, RocksDBException e) {
        if (isCorruption(e)) {
            fail(new StorageException("store failed: corruption: " + e.getMessage(), e));
        }
        return new StorageException(what + e.getMessage(), e);
    }

    /** Fails the store (the first reason stays): every later write is refused. */
    void fail(StorageException reason) {
        synchronized (this) {
            if (failed != null) {
                return;
            }
            failed = reason;
        }
        logFailure(reason);
    }

    /** One line, once per store: the operator's first clue (health endpoints say the same). */
    static void logFailure(StorageException reason) {
        log.error("{} — Wharf refuses every write until it is restarted (docs/operations.md, \"Health, faults and "
                + "recovery\")", reason.getMessage());
    }

    @Override
    public String failure() {
        StorageException failure = failed != null ? failed : committer.failure();
        return failure == null ? null : failure.getMessage();
    }

    /** The store's identity (see the class comment), or null when none was recorded yet. */
    public String storeId() {
        ensureOpen();
        try {
            byte[] value = db.get(families.get("default"), STORE_ID_KEY);
            return value == null ? null : new String(value, StandardCharsets.UTF_8);
        } catch (RocksDBException e) {
            throw readFailure("read failed: ", e);
        }
    }

    /** Records the store's identity durably (synced). */
    public void recordStoreId(String id) {
        ensureWritable();
        try {
            db.put(families.get("default"), syncWrite, STORE_ID_KEY, id.getBytes(StandardCharsets.UTF_8));
        } catch (RocksDBException e) {
            throw new StorageException("cannot record the store's identity: " + e.getMessage(), e);
        }
    }

    /** Fail-stop (see {@link Store}): after one failed write or fsync, or a corruption, no write is accepted. */
    private void ensureWritable() {
        ensureOpen();
        StorageException failure = failed != null ? failed : committer.failure();
        if (failure != null) {
            throw new StorageException(failure.getMessage(), failure);
        }
    }

    /** Test hook: the next group commit fails as a failed fsync would, and the store fails with it. */
    void failNextWrite() {
        committer.failNextWrite();
    }

    GroupCommitter committer() {
        return committer;
    }

    private void ensureOpen() {
        if (closed) {
            throw new StorageException("store is closed");
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        committer.close();
        if (statisticsLog != null) {
            statisticsLog.close();
        }
        try {
            db.syncWal();
        } catch (RocksDBException e) {
            // Closing anyway; the WAL was synced on every ALWAYS commit.
        }
        synchronized (openHandles) {
            openHandles.forEach(ColumnFamilyHandle::close);
        }
        db.close();
        syncWrite.close();
        plainWrite.close();
        releaseOptions();
        OwnerOnly.restrictTree(directory);
    }
}
