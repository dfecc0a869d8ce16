/**
 * The storage boundary (DESIGN.md §3): {@link io.wharf.storage.Store} and its implementations —
 * {@link io.wharf.storage.RocksStore} (durable, group-committed) and {@link io.wharf.storage.MemoryStore}
 * ({@code --in-memory}) — plus {@link io.wharf.storage.FaultyStore} for fault tests.
 */
package io.wharf.storage;
