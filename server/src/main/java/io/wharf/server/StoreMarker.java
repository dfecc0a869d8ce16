package io.wharf.server;

import io.wharf.server.config.ConfigException;
import io.wharf.server.config.Setting;
import io.wharf.storage.OwnerOnly;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Properties;

/**
 * {@code <data-dir>/wharf-store}: which store this data directory holds. Written (0600, then renamed into place)
 * on the first start, after the same identity was recorded inside the store; checked on every start. It tells
 * apart a first start (no marker, no store: create both) from a store that went missing (a marker, no
 * {@code rocksdb/}) or was swapped (a marker naming another identity) — both refused instead of silently starting
 * empty or with someone else's data. A data directory from a Wharf before the marker (a store, no marker) is
 * adopted: its store gets an identity and the marker is written.
 * <pre>
 * # Wharf data directory marker ...
 * store-id=3f0c…        (a random UUID, also kept in the store under "wharf.store-id")
 * created=2026-12-03T04:40:00Z
 * </pre>
 */
record StoreMarker(String storeId, String created) {
    static final String FILE_NAME = "wharf-store";

    static Path file(Path dataDir) {
        return dataDir.resolve(FILE_NAME);
    }

    /** The marker in {@code dataDir}, or null when there is none. */
    static StoreMarker read(Path dataDir) {
        Path file = file(dataDir);
        if (!Files.exists(file)) {
            return null;
        }
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new ConfigException(Setting.DATA_DIR, dataDir.toString(), "cannot read " + file + " (" + e.getMessage() + ")");
        }
        String id = properties.getProperty("store-id");
        if (id == null || id.isBlank()) {
            throw new ConfigException(Setting.DATA_DIR, dataDir.toString(), file + " names no store-id");
        }
        return new StoreMarker(id.strip(), properties.getProperty("created", "?").strip());
    }

    static StoreMarker write(Path dataDir, String storeId, Instant now) {
        StoreMarker marker = new StoreMarker(storeId, now.toString());
        Path file = file(dataDir);
        Path temporary = file.resolveSibling(FILE_NAME + ".new");
        String text = "# Wharf data directory marker: the identity of the store in rocksdb/ (also kept inside it).\n"
                + "# Wharf refuses to start when rocksdb/ is missing or holds another store. Do not edit;\n"
                + "# delete this file only to start over on purpose (docs/operations.md).\n"
                + "store-id=" + storeId + "\ncreated=" + marker.created() + "\n";
        try {
            Files.deleteIfExists(temporary);
            Files.writeString(temporary, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE, StandardOpenOption.SYNC);
            OwnerOnly.restrict(temporary);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new ConfigException(Setting.DATA_DIR, dataDir.toString(), "cannot write " + file + " (" + e.getMessage() + ")");
        }
        return marker;
    }

    static void delete(Path dataDir) {
        try {
            Files.deleteIfExists(file(dataDir));
        } catch (IOException e) {
            throw new ConfigException(Setting.DATA_DIR, dataDir.toString(), "cannot delete " + file(dataDir)
                    + " (" + e.getMessage() + ")");
        }
    }
}
