package io.wharf.server.http;

import java.nio.file.Path;

/**
 * How the front door spools large request bodies (object uploads) to disk instead of holding them in memory
 * ({@link BodySpool}, {@link SpoolHandler}).
 *
 * @param directory            where the files go ({@code <data-dir>/tmp}: emptied at start), or null for a private
 *                             temporary directory deleted at stop ({@code --in-memory}, tests)
 * @param thresholdBytes       a PUT/POST that is not a JSON or Query call is spooled when its body is larger than
 *                             this (or than the largest request held in memory, if smaller)
 * @param freeSpaceMarginBytes an upload that would leave less than this free on the directory's file system is
 *                             refused (503 {@code SlowDown})
 */
public record RequestSpooling(Path directory, long thresholdBytes, long freeSpaceMarginBytes) {
    public static final long DEFAULT_THRESHOLD_BYTES = 1024 * 1024;
    public static final long DEFAULT_FREE_SPACE_MARGIN_BYTES = 256L * 1024 * 1024;

    public RequestSpooling {
        if (thresholdBytes < 1 || freeSpaceMarginBytes < 0) {
            throw new IllegalArgumentException("spool threshold must be positive, margin not negative");
        }
    }

    /** Spooling into {@code directory} (null: a private temporary one) with the default threshold and margin. */
    public static RequestSpooling in(Path directory) {
        return new RequestSpooling(directory, DEFAULT_THRESHOLD_BYTES, DEFAULT_FREE_SPACE_MARGIN_BYTES);
    }
}
