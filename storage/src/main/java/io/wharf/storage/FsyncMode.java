package io.wharf.storage;

/** How far a committed batch has travelled when {@link Store#commit} returns. */
public enum FsyncMode {
    /** Written to the write-ahead log and fsync'd: survives a power loss. The default. */
    ALWAYS,
    /** Written to the write-ahead log (the OS page cache), not synced: survives {@code kill -9}, not power loss. */
    NEVER
}
