package io.wharf.sns.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Rebuilds the engine's memory from the store on start (layout: {@link SnsStoreLayout}). */
final class Recovery {
    private Recovery() {
    }

    static void load(SnsStoreLayout layout, Map<String, Topic> topics, Map<String, Subscription> subscriptions,
                     long now) {
        layout.store.scan(layout.topics, new byte[0], (k, v) -> {
            Topic topic = SnsStoreLayout.decodeTopic(k, v);
            topics.put(topic.arn, topic);
        });
        io.wharf.storage.WriteBatch batch = new io.wharf.storage.WriteBatch();
        for (Topic topic : topics.values()) {
            topic.deduplication = layout.deduplication(topic.arn);
            if (topic.fifo) {
                topic.deduplication.recover(now, batch);
            }
        }
        if (!batch.isEmpty()) {
            layout.store.commit(batch);
        }
        layout.store.scan(layout.subscriptions, new byte[0], (k, v) -> {
            Subscription s = SnsStoreLayout.decodeSubscription(k, v);
            Topic topic = topics.get(s.topicArn());
            if (topic != null) { // a topic's deletion removes its subscriptions in the same batch
                subscriptions.put(s.arn(), s);
                topic.addSubscription(s);
            }
        });
    }

    /**
     * The undelivered outbox entries, in publish order. A sealed entry whose data key KMS refuses now (key disabled
     * or deleted) stays in the store, undelivered, until a start where it opens; a line says so, without content.
     */
    static List<Delivery> outbox(SnsStoreLayout layout, io.wharf.protocol.crypto.DataKeyRing ring,
                                 java.time.Clock clock) {
        List<Delivery> pending = new ArrayList<>();
        layout.store.scan(layout.outbox, new byte[0], (k, v) -> {
            byte[] value = v;
            if (io.wharf.protocol.crypto.DataKeyRing.isSealed(v)) {
                try {
                    if (ring == null) {
                        throw new io.wharf.protocol.crypto.KmsFailure(
                                io.wharf.protocol.crypto.KmsFailure.Kind.OTHER, "no KMS is configured");
                    }
                    value = ring.open(v, clock.millis());
                } catch (io.wharf.protocol.crypto.KmsFailure f) {
                    org.slf4j.LoggerFactory.getLogger(Recovery.class).warn("outbox entry {} of an encrypted topic "
                            + "is kept undelivered: KMS refused its data key ({} {})",
                            java.nio.ByteBuffer.wrap(k).getLong(), f.kind(), f.getMessage());
                    return;
                }
            }
            pending.add(SnsStoreLayout.decodeDelivery(k, value));
        });
        return pending;
    }

    /** The largest delivery number in the outbox (0 when empty), also of entries that were kept back. */
    static long lastOutboxNumber(SnsStoreLayout layout) {
        long[] last = {0};
        layout.store.scan(layout.outbox, new byte[0], (k, v) -> last[0] = Math.max(last[0],
                java.nio.ByteBuffer.wrap(k).getLong()));
        return last[0];
    }
}
