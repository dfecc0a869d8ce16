package io.wharf.storage;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ids remembered for a fixed time (FIFO deduplication: five minutes), kept in the store rather than in memory. One key
 * space maps {@code prefix + id} to what the id stands for; a second holds {@code prefix + expiresAt + id} (empty
 * values), so the ids that expired are found and deleted in order without looking through the others. A lookup is a
 * point read; memory holds only the ids whose write is not yet known durable, so it no longer grows with the rate
 * times the window.
 *
 * <p>A read of the store sees a write only once its commit is awaited: the ids a writer remembered stay in
 * {@link #pending} until it awaited the commit and said so ({@link #settled}), so an id is found from the moment it is
 * remembered. Expiry is lazy: {@link #expire} deletes what expired, at most {@value #EXPIRE_AT_ONCE} ids a call, and
 * looks at the store only once the earliest id is due; an id past its time that is still stored counts as absent.
 *
 * <p>The owner's lock guards every call, except {@link #settled}, which writers make after releasing it.
 *
 * @param <V> what an id stands for; {@link Codec#expiresAtMillis} says until when
 */
public final class ExpiringIds<V> {
    /** How the owner stores what an id stands for. */
    public interface Codec<V> {
        byte[] encode(V value);

        V decode(byte[] stored);

        long expiresAtMillis(V value);

        /** A codec of three functions. */
        static <V> Codec<V> of(java.util.function.Function<V, byte[]> encode,
                               java.util.function.Function<byte[], V> decode,
                               java.util.function.ToLongFunction<V> expiresAtMillis) {
            return new Codec<>() {
                @Override
                public byte[] encode(V value) {
                    return encode.apply(value);
                }

                @Override
                public V decode(byte[] stored) {
                    return decode.apply(stored);
                }

                @Override
                public long expiresAtMillis(V value) {
                    return expiresAtMillis.applyAsLong(value);
                }
            };
        }
    }

    /** One call of {@link #expire} deletes at most this many ids; the next goes on. */
    static final int EXPIRE_AT_ONCE = 10_000;
    private static final byte[] EMPTY = new byte[0];

    private final Store store;
    private final KeySpace ids;
    private final KeySpace expiry;
    private final byte[] prefix;
    private final byte[] prefixEnd;
    private final Codec<V> codec;
    /** Ids remembered by writes whose commit was not yet awaited. */
    private final ConcurrentHashMap<String, V> pending = new ConcurrentHashMap<>();
    /** When the earliest stored id expires, or earlier (Long.MIN_VALUE: not known, look). */
    private long nextExpiryMillis = Long.MIN_VALUE;

    /**
     * @param ids    id → value, under {@code prefix + id (UTF-8)}
     * @param expiry {@code prefix + expiresAt (8 bytes) + id (UTF-8)} → empty
     * @param prefix the owner's keys' common start (a queue's number, a topic's ARN and a separator); no owner's
     *               prefix may start another's
     */
    public ExpiringIds(Store store, KeySpace ids, KeySpace expiry, byte[] prefix, Codec<V> codec) {
        this.store = store;
        this.ids = ids;
        this.expiry = expiry;
        this.prefix = prefix.clone();
        this.prefixEnd = after(prefix);
        this.codec = codec;
    }

    /** What an unexpired id stands for, or null. */
    public V find(String id, long now) {
        V value = lookup(id);
        return value == null || codec.expiresAtMillis(value) <= now ? null : value;
    }

    /** Remembers an id (its records go into {@code batch}); it stays pending until {@link #settled}. */
    public void remember(String id, V value, WriteBatch batch) {
        pending.put(id, value);
        long expiresAt = codec.expiresAtMillis(value);
        batch.put(ids, idKey(id), codec.encode(value));
        batch.put(expiry, expiryKey(expiresAt, id), EMPTY);
        nextExpiryMillis = Math.min(nextExpiryMillis, expiresAt);
    }

    /**
     * The commit that wrote these ids was awaited (or refused: then they were never remembered). Needs no lock; an id
     * remembered again since, with another value, stays pending.
     */
    public void settled(List<String> settledIds, List<V> values) {
        for (int i = 0; i < settledIds.size(); i++) {
            pending.remove(settledIds.get(i), values.get(i));
        }
    }

    /** Ids remembered and not yet settled (what memory holds). */
    public int pendingCount() {
        return pending.size();
    }

    /**
     * Deletes the ids that expired at or before {@code now} (the deletes go into {@code batch}), oldest first, at most
     * {@value #EXPIRE_AT_ONCE}. An id remembered again since keeps its newer record.
     */
    public void expire(long now, WriteBatch batch) {
        if (now < nextExpiryMillis) {
            return;
        }
        List<byte[]> due = new ArrayList<>();
        long[] next = {Long.MAX_VALUE};
        store.scan(expiry, prefix, prefixEnd, (key, value) -> {
            long expiresAt = ByteBuffer.wrap(key, prefix.length, 8).getLong();
            if (expiresAt > now || due.size() == EXPIRE_AT_ONCE) {
                next[0] = expiresAt;
                return false;
            }
            due.add(key);
            return true;
        });
        for (byte[] key : due) {
            batch.delete(expiry, key);
            String id = new String(Arrays.copyOfRange(key, prefix.length + 8, key.length), StandardCharsets.UTF_8);
            V current = lookup(id);
            if (current != null && codec.expiresAtMillis(current) <= now) {
                batch.delete(ids, idKey(id));
            }
        }
        // ids whose write is not awaited yet may be missing from the scan: they still set the next look
        for (V value : pending.values()) {
            next[0] = Math.min(next[0], codec.expiresAtMillis(value));
        }
        nextExpiryMillis = due.size() == EXPIRE_AT_ONCE ? now : next[0];
    }

    /**
     * On start: every stored id gets its expiry record (a store from before the expiry key space has none; writing it
     * again is harmless) and the expired ones are deleted, into {@code batch}. The next {@link #expire} looks when the
     * earliest id is due, not before ({@code batch} is not applied yet: a look now would not see it).
     */
    public void recover(long now, WriteBatch batch) {
        long[] earliest = {Long.MAX_VALUE};
        store.scan(ids, prefix, prefixEnd, (key, stored) -> {
            String id = new String(Arrays.copyOfRange(key, prefix.length, key.length), StandardCharsets.UTF_8);
            long expiresAt = codec.expiresAtMillis(codec.decode(stored));
            if (expiresAt <= now) {
                batch.delete(ids, key);
            } else {
                batch.put(expiry, expiryKey(expiresAt, id), EMPTY);
                earliest[0] = Math.min(earliest[0], expiresAt);
            }
            return true;
        });
        nextExpiryMillis = earliest[0];
    }

    /** The owner is gone: its ids go with range deletes. */
    public void deleteAll(WriteBatch batch) {
        batch.deleteRange(ids, prefix, prefixEnd);
        batch.deleteRange(expiry, prefix, prefixEnd);
        pending.clear();
        nextExpiryMillis = Long.MAX_VALUE;
    }

    private V lookup(String id) {
        V value = pending.get(id);
        if (value == null) {
            byte[] stored = store.get(ids, idKey(id));
            value = stored == null ? null : codec.decode(stored);
        }
        return value;
    }

    private byte[] idKey(String id) {
        byte[] k = id.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(prefix.length + k.length).put(prefix).put(k).array();
    }

    private byte[] expiryKey(long expiresAt, String id) {
        byte[] k = id.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(prefix.length + 8 + k.length).put(prefix).putLong(expiresAt).put(k).array();
    }

    /** The first key after every key that starts with {@code prefix} (unsigned order). */
    static byte[] after(byte[] prefix) {
        byte[] end = prefix.clone();
        for (int i = end.length - 1; i >= 0; i--) {
            if (end[i] != (byte) 0xFF) {
                end[i]++;
                return Arrays.copyOf(end, i + 1);
            }
        }
        throw new IllegalArgumentException("a prefix of 0xFF bytes only has no end");
    }
}
