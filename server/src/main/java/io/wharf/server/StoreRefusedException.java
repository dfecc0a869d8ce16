package io.wharf.server;

/**
 * The data directory's store cannot be used as it is: damaged, gone, another store, or in use by another Wharf.
 * The message is one line for a person at a terminal: what is wrong, where, and what to do. {@code bin/wharf}
 * prints it and exits with status 1.
 */
public final class StoreRefusedException extends RuntimeException {
    StoreRefusedException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
