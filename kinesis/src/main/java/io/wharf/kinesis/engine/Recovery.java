package io.wharf.kinesis.engine;

import io.wharf.storage.Store;
import io.wharf.storage.crypto.MasterKey;
import io.wharf.storage.crypto.StoredSecret;

import java.nio.ByteBuffer;
import java.security.SecureRandom;

/**
 * Rebuilds the engine's memory from the store on start: streams with their shard maps, consumers and
 * settings (one record each), then each shard's arrival index and counters from {@code kinesis.arrivals}
 * (8 bytes per record: record data is not read), resuming after the trim floor of shards whose records all
 * expired. Status deadlines need no replay: they are compared with the clock when read.
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
        store.scan(layout.arrivals, new byte[0], (key, value) -> {
            Stream s = engine.byNumber.get(ByteBuffer.wrap(key).getLong());
            Shard shard = s == null ? null : s.shard(KinesisStoreLayout.shardOf(key));
            if (shard == null) {
                return; // the stream was reaped and the range delete raced a crash: nothing refers to it
            }
            long counter = KinesisStoreLayout.counterOf(key);
            long arrival = KinesisStoreLayout.decodeLong(value);
            if (shard.arrivals.isEmpty() && counter != shard.arrivals.firstCounter()) {
                shard.arrivals.startAt(counter);
            }
            while (shard.arrivals.endCounter() < counter) {
                shard.arrivals.append(arrival); // a gap (a batch that failed to submit): keep counters dense
            }
            shard.arrivals.append(arrival);
            shard.arrivals.release(counter); // read from the store: durable, and memory stays as small as when running
            shard.nextCounter = counter + 1;
            shard.lastArrivalMillis = Math.max(shard.lastArrivalMillis, arrival);
        });
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
}
