package io.wharf.kinesis.engine;

import io.wharf.storage.Store;
import io.wharf.storage.crypto.MasterKey;
import io.wharf.storage.crypto.StoredSecret;

import java.nio.ByteBuffer;
import java.security.SecureRandom;

/**
 * Rebuilds the engine's memory from the store on start: streams with their shard maps, consumers and
 * settings (one record each), then each shard's arrival index and counters from {@code kinesis.arrivals}
 * (record data is not read): its first and last stored arrival (found by seeks), its newest blocks and one arrival
 * per superblock of older ones ({@link ArrivalIndex#recover}), so the work grows with a shard's retained records
 * divided by 16,384; shards whose records all expired resume after their trim floor. Status deadlines need no
 * replay: they are compared with the clock when read.
 */
final class Recovery {
    private Recovery() {
    }

    /**
     * The AES key of shard iterators, kept wrapped by the master key: made once, so iterators stay valid across
     * restarts; a store from before wrapping has its plain key wrapped (and the plain one deleted) here.
     */
    static byte[] iteratorKey(Store store, KinesisStoreLayout layout, MasterKey masterKey) {
        return StoredSecret.loadOrCreate(store, layout.meta, KinesisStoreLayout.ITERATOR_KEY,
                KinesisStoreLayout.PLAIN_ITERATOR_KEY, masterKey, KinesisStoreLayout.ITERATOR_KEY_PURPOSE, () -> {
                    byte[] key = new byte[32];
                    new SecureRandom().nextBytes(key);
                    return key;
                });
    }

    /** Loads everything into {@code engine}; returns the highest stream number in use. */
    static long load(KinesisEngine engine) {
        Store store = engine.store;
        KinesisStoreLayout layout = engine.layout;
        long[] highest = {0};
        store.scan(layout.streams, new byte[0], (key, value) -> {
            long number = ByteBuffer.wrap(key).getLong();
            Stream s = KinesisStoreLayout.decodeStream(number, value);
            highest[0] = Math.max(highest[0], number);
            engine.byRef.put(s.ref, s);
            engine.byNumber.put(number, s);
        });
        store.scan(layout.trimmed, new byte[0], (key, value) -> {
            Stream s = engine.byNumber.get(ByteBuffer.wrap(key).getLong());
            Shard shard = s == null ? null : s.shard(ByteBuffer.wrap(key, 8, 4).getInt());
            if (shard != null) {
                long floor = KinesisStoreLayout.decodeLong(value);
                shard.arrivals.startAt(floor);
                shard.nextCounter = floor;
            }
        });
        // each shard's arrival index from its first and last stored arrivals, its newest blocks and one arrival per
        // superblock of older ones (arrivals of streams that were reaped while a crash raced the delete are not read)
        for (Stream s : engine.byNumber.values()) {
            for (Shard shard : s.shards) {
                ArrivalIndex.Reader arrivals = Records.arrivalsOf(store, layout, s.number, shard.index);
                long[] first = stored(arrivals, 0);
                if (first == null) {
                    continue;
                }
                long[] last = lastStored(arrivals, first);
                shard.arrivals.recover(first[0], last[0] + 1, arrivals);
                shard.nextCounter = last[0] + 1;
                shard.lastArrivalMillis = Math.max(shard.lastArrivalMillis, last[1]);
            }
        }
        for (Stream s : engine.byNumber.values()) {
            for (Shard shard : s.shards) {
                if (!shard.isOpen()) {
                    shard.nextCounter = Math.max(shard.nextCounter, shard.endingCounter + 1);
                }
                shard.durableCounter = shard.nextCounter - 1;
                if (shard.arrivals.isEmpty()) {
                    shard.arrivals.startAt(shard.nextCounter);
                }
            }
        }
        store.scan(layout.accounts, new byte[0], (key, value) -> engine.accounts.put(
                new String(key, java.nio.charset.StandardCharsets.UTF_8), KinesisStoreLayout.decodeAccount(value)));
        return highest[0];
    }

    /** The first stored arrival at or after counter {@code from}, as {counter, arrival}; null if none. */
    private static long[] stored(ArrivalIndex.Reader arrivals, long from) {
        long[][] found = {null};
        arrivals.read(from, Long.MAX_VALUE, (counter, arrival) -> {
            found[0] = new long[] {counter, arrival};
            return false;
        });
        return found[0];
    }

    /**
     * The last stored arrival, as {counter, arrival}, found from the stored one {@code known} by seeks: doubling steps
     * until none is stored beyond, then halving (about 2 log2 of the records).
     */
    private static long[] lastStored(ArrivalIndex.Reader arrivals, long[] known) {
        long[] last = known;
        long step = 1;
        long[] beyond;
        while (step < Long.MAX_VALUE / 4 && (beyond = stored(arrivals, last[0] + step)) != null) {
            last = beyond;
            step <<= 1;
        }
        long limit = last[0] + step; // nothing stored at or after it
        while (limit - last[0] > 1) {
            long[] found = stored(arrivals, last[0] + (limit - last[0]) / 2);
            if (found != null) {
                last = found;
            } else {
                limit = last[0] + (limit - last[0]) / 2;
            }
        }
        return last;
    }
}
