package io.wharf.sqs.engine;

import io.wharf.storage.Store;
import io.wharf.storage.WriteBatch;
import io.wharf.storage.crypto.MasterKey;
import io.wharf.storage.crypto.StoredSecret;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds the engine's memory from the store: queues, their messages (in-flight ones keep their deadlines,
 * delays and retention keep counting against the clock), FIFO deduplication ids and receive attempts, and
 * deleted-queue markers.
 */
final class Recovery {
    private static final byte[] PLAIN_SECRET_KEY = "receipt-secret".getBytes(StandardCharsets.UTF_8);
    private static final byte[] WRAPPED_SECRET_KEY = "receipt-secret-wrapped".getBytes(StandardCharsets.UTF_8);
    static final String SECRET_PURPOSE = "sqs receipt-handle key";

    private Recovery() {
    }

    /**
     * The secret of receipt handles, kept wrapped by the master key: created once, so handles stay valid across
     * restarts; a store from before wrapping has its plain secret wrapped (and the plain one deleted) here.
     */
    static byte[] receiptSecret(Store store, SqsStoreLayout layout, MasterKey masterKey) {
        return StoredSecret.loadOrCreate(store, layout.meta, WRAPPED_SECRET_KEY, PLAIN_SECRET_KEY, masterKey,
                SECRET_PURPOSE, () -> {
                    byte[] secret = new byte[32];
                    new SecureRandom().nextBytes(secret);
                    return secret;
                });
    }

    /** Loads everything; returns the highest queue number in use. */
    static long load(EngineContext ctx, Map<QueueId, Queue> queues, Map<QueueId, Long> deletedAt) {
        Store store = ctx.store();
        SqsStoreLayout layout = ctx.layout();
        long now = ctx.clock().millis();
        long[] highest = {0};
        List<Queue> loaded = new ArrayList<>();
        store.scan(layout.queues, new byte[0], (key, value) -> {
            Queue.Record record = SqsStoreLayout.decodeQueue(SqsStoreLayout.queueIdOf(key), value);
            highest[0] = Math.max(highest[0], record.number());
            loaded.add(new Queue(layout, store, record, ctx.windows(), ctx.inflight(), ctx.contents()));
        });
        // each queue gets its share as if all held messages: loading them in turn stays within the budget
        ctx.windows().recovering(loaded.size());
        try {
            recoverMessages(ctx, loaded, queues, now);
        } finally {
            ctx.windows().recovered();
        }
        store.scan(layout.deleted, new byte[0], (key, value) ->
                deletedAt.put(SqsStoreLayout.queueIdOf(key), SqsStoreLayout.decodeLong(value)));
        return highest[0];
    }

    private static void recoverMessages(EngineContext ctx, List<Queue> loaded, Map<QueueId, Queue> queues, long now) {
        Store store = ctx.store();
        SqsStoreLayout layout = ctx.layout();
        for (Queue queue : loaded) {
            WriteBatch batch = new WriteBatch();
            // nobody can wait on the queue yet, but its index changes signal waiting receivers, under the lock
            queue.lock.lock();
            try {
                store.scan(layout.messages, SqsStoreLayout.queuePrefix(queue.number()), (key, value) -> {
                    // only the delivery state: contents stay in sqs.bodies until a receive needs them
                    Message m = SqsStoreLayout.decodeState(ByteBuffer.wrap(key, 8, 8).getLong(), value);
                    if ((m.state == Message.State.DELAYED || m.state == Message.State.INFLIGHT)
                            && m.visibleAtMillis <= now) {
                        m.state = Message.State.VISIBLE;
                    }
                    queue.recover(m, now);
                });
                queue.advance(now, batch);
                if (queue.settings().fifo()) {
                    queue.deduplication.recover(now, batch); // after advance: its sweep would not see this batch
                    queue.receiveAttempts.recover(now, batch);
                }
            } finally {
                queue.lock.unlock();
            }
            if (!batch.isEmpty()) {
                store.commit(batch);
            }
            queues.put(queue.id(), queue);
        }
    }
}
