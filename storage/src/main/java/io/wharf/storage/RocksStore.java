package io.wharf.storage;

import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteOptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

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
 * the key/value layout inside each column family belongs to the engine that owns it (see its javadoc).
 */
public final class RocksStore implements Store {
    static {
        RocksDB.loadLibrary();
    }

    private final Path directory;
    private final FsyncMode fsyncMode;
    private final DBOptions dbOptions;
    private final ColumnFamilyOptions familyOptions;
    private final RocksDB db;
    private final Map<String, ColumnFamilyHandle> families = new ConcurrentHashMap<>();
    private final List<ColumnFamilyHandle> openHandles = new ArrayList<>();
    private final WriteOptions syncWrite;
    private final WriteOptions plainWrite;
    private final GroupCommitter committer;
    private volatile boolean closed;
    private volatile StorageException failed; // FsyncMode.NEVER's own fail-stop; ALWAYS's lives in the committer

    private RocksStore(Path directory, FsyncMode fsyncMode) throws RocksDBException, IOException {
        this.directory = directory;
        this.fsyncMode = fsyncMode;
        Files.createDirectories(directory);
        familyOptions = new ColumnFamilyOptions();
        dbOptions = new DBOptions()
                .setCreateIfMissing(true)
                .setCreateMissingColumnFamilies(true)
                .setInfoLogLevel(InfoLogLevel.WARN_LEVEL)
                .setKeepLogFileNum(2)
                .setMaxTotalWalSize(64L << 20);
        List<byte[]> existing;
        try (Options options = new Options()) {
            existing = RocksDB.listColumnFamilies(options, directory.toString());
        }
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, familyOptions));
        for (byte[] name : existing) {
            if (!new String(name, StandardCharsets.UTF_8).equals("default")) {
                descriptors.add(new ColumnFamilyDescriptor(name, familyOptions));
            }
        }
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        db = RocksDB.open(dbOptions, directory.toString(), descriptors, handles);
        openHandles.addAll(handles);
        for (int i = 0; i < descriptors.size(); i++) {
            families.put(new String(descriptors.get(i).getName(), StandardCharsets.UTF_8), handles.get(i));
        }
        syncWrite = new WriteOptions().setSync(true);
        plainWrite = new WriteOptions().setSync(false);
        committer = new GroupCommitter(db, syncWrite, this::encode);
    }

    /** Opens (creating if needed) the store in {@code directory}. */
    public static RocksStore open(Path directory, FsyncMode fsyncMode) {
        try {
            return new RocksStore(directory, fsyncMode);
        } catch (RocksDBException | IOException e) {
            throw new StorageException("cannot open the store in " + directory + ": " + e.getMessage(), e);
        }
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
            failed = new StorageException("store failed: write failed: " + e.getMessage(), e);
            throw failed;
        }
    }

    private void encode(WriteBatch batch, org.rocksdb.WriteBatch into) throws RocksDBException {
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
            throw new StorageException("read failed: " + e.getMessage(), e);
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
            throw new StorageException("scan failed: " + e.getMessage(), e);
        }
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

    /** Fail-stop (see {@link Store}): after one failed write or fsync, no further write is accepted. */
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
        dbOptions.close();
        familyOptions.close();
    }
}
