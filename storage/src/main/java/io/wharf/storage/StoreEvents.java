package io.wharf.storage;

import org.rocksdb.AbstractEventListener;
import org.rocksdb.BackgroundErrorReason;
import org.rocksdb.CompactionJobInfo;
import org.rocksdb.FlushJobInfo;
import org.rocksdb.RocksDB;
import org.rocksdb.Status;
import org.rocksdb.TableFileCreationInfo;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * What RocksDB tells the store from its background threads: errors in flushes and compactions (a checksum
 * mismatch met while compacting, a full disk) fail the store with their reason, and every new file is narrowed
 * to owner-only ({@link OwnerOnly}) — new table files as they appear, WAL/MANIFEST/OPTIONS by a sweep after
 * each flush and compaction.
 */
final class StoreEvents extends AbstractEventListener {
    private final Path directory;
    private final Consumer<StorageException> fail;

    StoreEvents(Path directory, Consumer<StorageException> fail) {
        super(EnabledEventCallback.ON_BACKGROUND_ERROR, EnabledEventCallback.ON_TABLE_FILE_CREATED,
                EnabledEventCallback.ON_FLUSH_COMPLETED, EnabledEventCallback.ON_COMPACTION_COMPLETED);
        this.directory = directory;
        this.fail = fail;
    }

    @Override
    public void onBackgroundError(BackgroundErrorReason reason, Status status) {
        fail.accept(new StorageException("store failed: " + describe(reason) + " failed: " + describe(status)));
    }

    static String describe(Status status) {
        if (status == null) {
            return "unknown error";
        }
        String state = status.getState();
        return status.getCodeString() + (state == null || state.isEmpty() ? "" : ": " + state);
    }

    private static String describe(BackgroundErrorReason reason) {
        return switch (reason) {
            case FLUSH -> "background flush";
            case COMPACTION -> "background compaction";
            case WRITE_CALLBACK -> "write";
            case MEMTABLE -> "memtable write";
        };
    }

    @Override
    public void onTableFileCreated(TableFileCreationInfo info) {
        if (info.getFilePath() != null) {
            OwnerOnly.restrict(Path.of(info.getFilePath()));
        }
    }

    @Override
    public void onFlushCompleted(RocksDB db, FlushJobInfo info) {
        OwnerOnly.restrictTree(directory);
    }

    @Override
    public void onCompactionCompleted(RocksDB db, CompactionJobInfo info) {
        OwnerOnly.restrictTree(directory);
    }
}
