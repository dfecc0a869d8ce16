package io.wharf.storage;

/** Another process (another Wharf) holds the store's lock: one server per data directory. */
public final class StoreLockedException extends StorageException {
    public StoreLockedException(String message, Throwable cause) {
        super(message, cause);
    }
}
