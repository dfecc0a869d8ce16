package io.wharf.sqs.engine;

import io.wharf.storage.Store;
import io.wharf.storage.WriteBatch;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A FIFO queue's deduplication ids of the last five minutes, kept in the store, not in memory: {@code sqs.dedup} maps
 * each id to the message it stood for, and {@code sqs.dedupexp} orders them by the time they expire, so the ids that
 * expired are found and deleted without looking through the others. A send asks the store whether its id was seen
 * (a point read, answered by RocksDB's Bloom filters when it was not), so memory no longer grows with the send rate
 * times five minutes (~200 bytes an id before: 180 MB at 3,000 sends a second).
 *
 * <p>A read of the store sees a write only once its commit is awaited, so the ids a send remembered stay in
 * {@link #pending} until its sender awaited the commit ({@link #settled}): an id is in one or the other from the moment
 * it is remembered. Expiry is lazy, as the queue's other timers are: {@link #expire} runs from {@code Queue.advance} and
 * deletes what expired, at most {@value #EXPIRE_AT_ONCE} ids a call; an id past its time that is still stored counts
 * as absent.
 *
 * <p>Guarded by the queue's lock, except {@link #pending}, which the sender empties after the lock.
 */
final class DedupWindow {
    /** One call of {@link #expire} deletes at most this many ids; the next goes on. */
    private static final int EXPIRE_AT_ONCE = 10_000;
    private static final byte[] EMPTY = new byte[0];

    private final Store store;
    private final SqsStoreLayout layout;
    private final long queueNumber;
    /** Ids remembered by sends whose commit was not yet awaited. */
    private final ConcurrentHashMap<String, Queue.Deduplication> pending = new ConcurrentHashMap<>();
    /** When the earliest stored id expires, or earlier (Long.MIN_VALUE: not known yet, look). */
    private long nextExpiryMillis = Long.MIN_VALUE;

    DedupWindow(Store store, SqsStoreLayout layout, long queueNumber) {
        this.store = store;
        this.layout = layout;
        this.queueNumber = queueNumber;
    }

    /** The message an unexpired id stands for, or null. */
    Queue.Deduplication find(String key, long now) {
        Queue.Deduplication d = pending.get(key);
        if (d == null) {
            byte[] value = store.get(layout.dedup, SqsStoreLayout.dedupKey(queueNumber, key));
            d = value == null ? null : Deduplications.decode(value);
        }
        return d == null || d.expiresAtMillis() <= now ? null : d;
    }

    /** Remembers an id: its records go into {@code batch}; it is pending until {@link #settled}. */
    void remember(String key, Queue.Deduplication d, WriteBatch batch) {
        pending.put(key, d);
        batch.put(layout.dedup, SqsStoreLayout.dedupKey(queueNumber, key), Deduplications.encode(d));
        batch.put(layout.dedupExpiry, expiryKey(d.expiresAtMillis(), key), EMPTY);
        nextExpiryMillis = Math.min(nextExpiryMillis, d.expiresAtMillis());
    }

    /** The commit that wrote these ids was awaited: the store shows them now. Needs no lock. */
    void settled(List<String> keys, List<Queue.Deduplication> remembered) {
        for (int i = 0; i < keys.size(); i++) {
            pending.remove(keys.get(i), remembered.get(i)); // a later send may have remembered the id again
        }
    }

    /** The write of these ids was refused: they were never remembered. */
    void refused(List<String> keys, List<Queue.Deduplication> remembered) {
        settled(keys, remembered);
    }

    /** Ids remembered and not yet settled (tests: memory holds no more). */
    int pendingCount() {
        return pending.size();
    }

    /**
     * Deletes the ids that expired at or before {@code now} (their deletes go into {@code batch}), oldest first, at
     * most {@value #EXPIRE_AT_ONCE}. An id remembered again since (a later record under the same key) keeps its record.
     */
    void expire(long now, WriteBatch batch) {
        if (now < nextExpiryMillis) {
            return;
        }
        List<byte[]> due = new ArrayList<>();
        long[] next = {Long.MAX_VALUE};
        store.scan(layout.dedupExpiry, SqsStoreLayout.queuePrefix(queueNumber),
                SqsStoreLayout.queuePrefixEnd(queueNumber), (key, value) -> {
                    long expiresAt = ByteBuffer.wrap(key, 8, 8).getLong();
                    if (expiresAt > now || due.size() == EXPIRE_AT_ONCE) {
                        next[0] = expiresAt;
                        return false;
                    }
                    due.add(key);
                    return true;
                });
        for (byte[] key : due) {
            batch.delete(layout.dedupExpiry, key);
            String id = new String(Arrays.copyOfRange(key, 16, key.length), StandardCharsets.UTF_8);
            Queue.Deduplication current = pending.get(id);
            if (current == null) {
                byte[] value = store.get(layout.dedup, SqsStoreLayout.dedupKey(queueNumber, id));
                current = value == null ? null : Deduplications.decode(value);
            }
            if (current != null && current.expiresAtMillis() <= now) {
                batch.delete(layout.dedup, SqsStoreLayout.dedupKey(queueNumber, id));
            }
        }
        // ids whose write is not awaited yet may be missing from the scan: they still set the next look
        for (Queue.Deduplication d : pending.values()) {
            next[0] = Math.min(next[0], d.expiresAtMillis());
        }
        nextExpiryMillis = due.size() == EXPIRE_AT_ONCE ? now : next[0];
    }

    /**
     * Recovery, after the queue's {@code advance}: every stored id gets its expiry record (stores from before
     * {@code sqs.dedupexp} have none; writing it again is harmless), and the expired ones are deleted. The next look
     * for expired ids is due when the earliest of them expires ({@code batch} is not applied yet: a look now would
     * not see it).
     */
    void recover(long now, WriteBatch batch) {
        long[] earliest = {Long.MAX_VALUE};
        store.scan(layout.dedup, SqsStoreLayout.queuePrefix(queueNumber), (key, value) -> {
            String id = new String(Arrays.copyOfRange(key, 8, key.length), StandardCharsets.UTF_8);
            Queue.Deduplication d = Deduplications.decode(value);
            if (d.expiresAtMillis() <= now) {
                batch.delete(layout.dedup, key);
            } else {
                batch.put(layout.dedupExpiry, expiryKey(d.expiresAtMillis(), id), EMPTY);
                earliest[0] = Math.min(earliest[0], d.expiresAtMillis());
            }
        });
        nextExpiryMillis = earliest[0];
    }

    private byte[] expiryKey(long expiresAt, String key) {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(16 + k.length).putLong(queueNumber).putLong(expiresAt).put(k).array();
    }
}
