package io.wharf.storage;

/**
 * The store on disk is damaged: a checksum mismatch or a broken record in its write-ahead log or table files.
 * Opening refuses it rather than start without what the damaged part held (see docs/durability.md);
 * {@link RocksRepair} salvages what is intact and says what it dropped.
 */
public final class StoreDamagedException extends StorageException {
    public StoreDamagedException(String message, Throwable cause) {
        super(message, cause);
    }
}
