package io.wharf.server;

import io.wharf.storage.FsyncMode;
import io.wharf.storage.RocksRepair;
import io.wharf.storage.RocksStore;
import io.wharf.storage.RocksTuning;
import io.wharf.storage.StorageException;
import io.wharf.storage.StoreDamagedException;
import io.wharf.storage.StoreLockedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;

/**
 * Opens the data directory's store, refusing what must not be started on silently (docs/operations.md, "Health,
 * faults and recovery"): a damaged store, a store that went missing or was swapped ({@link StoreMarker}), a store
 * another Wharf has open. With {@code --repair} it first salvages a damaged store ({@link RocksRepair}) or accepts
 * a missing one, logging exactly what was dropped.
 */
final class DurableStoreOpener {
    static final String STORE_DIRECTORY = "rocksdb";
    private static final Logger log = LoggerFactory.getLogger(DurableStoreOpener.class);

    private DurableStoreOpener() {
    }

    static RocksStore open(Path dataDir, FsyncMode fsync, RocksTuning tuning, boolean repair, Clock clock) {
        Path directory = dataDir.resolve(STORE_DIRECTORY);
        Path shown = directory.toAbsolutePath().normalize();
        StoreMarker marker = StoreMarker.read(dataDir);
        if (marker != null && !RocksStore.exists(directory)) {
            if (!repair) {
                throw new StoreRefusedException("the store in " + shown + " is gone, but " + StoreMarker.file(dataDir)
                        + " says store " + marker.storeId() + " (created " + marker.created() + ") lived there;"
                        + " restore it from a backup, or start with --repair to begin again with an empty store", null);
            }
            log.warn("repair: the store in {} is gone (store {}, created {}): every queue, message, topic, "
                    + "subscription, stream and record it held is lost; starting with an empty store", shown,
                    marker.storeId(), marker.created());
            StoreMarker.delete(dataDir);
            marker = null;
        }
        if (repair) {
            repair(directory, clock);
        }
        RocksStore store;
        try {
            store = RocksStore.open(directory, fsync, tuning);
        } catch (StoreDamagedException e) {
            throw new StoreRefusedException(oneLine(e.getMessage()) + "; nothing was changed — start with --repair to "
                    + "salvage what is intact (it logs what it drops), or restore a backup", e);
        } catch (StoreLockedException e) {
            throw new StoreRefusedException("another Wharf is using " + dataDir.toAbsolutePath().normalize(), e);
        } catch (StorageException e) {
            throw new StoreRefusedException(oneLine(e.getMessage()), e);
        }
        try {
            checkIdentity(dataDir, store, marker, clock);
            return store;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    private static void checkIdentity(Path dataDir, RocksStore store, StoreMarker marker, Clock clock) {
        String id = store.storeId();
        if (marker == null) {
            if (id == null) {
                id = UUID.randomUUID().toString();
                store.recordStoreId(id); // inside the store first: a marker always names a recorded identity
            }
            StoreMarker.write(dataDir, id, clock.instant());
            return;
        }
        if (!marker.storeId().equals(id)) {
            throw new StoreRefusedException("the store in " + store.directory().toAbsolutePath().normalize()
                    + " is not the one this data directory had: " + StoreMarker.file(dataDir) + " names store "
                    + marker.storeId() + ", the store is " + (id == null ? "unmarked" : "store " + id)
                    + "; put the right store back, or delete " + StoreMarker.file(dataDir)
                    + " to adopt this one", null);
        }
    }

    private static void repair(Path directory, Clock clock) {
        RocksRepair.Report report;
        try {
            report = RocksRepair.repair(directory, clock);
        } catch (StoreLockedException e) {
            throw new StoreRefusedException("another Wharf is using " + directory.getParent().toAbsolutePath().normalize(), e);
        } catch (StorageException e) {
            throw new StoreRefusedException(oneLine(e.getMessage()), e);
        }
        for (String line : report.describe().split("\n")) {
            if (report.changed()) {
                log.warn(line.strip().replaceFirst("^- ", "dropped: "));
            } else {
                log.info(line.strip());
            }
        }
    }

    private static String oneLine(String message) {
        return String.valueOf(message).replaceAll("\\s+", " ").strip();
    }
}
