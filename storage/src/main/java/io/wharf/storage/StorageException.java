package io.wharf.storage;

/** A write or read that the store could not perform. Requests that hit it answer with a 500-class error. */
public class StorageException extends RuntimeException {
    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }

    public StorageException(String message) {
        super(message);
    }
}
