package io.wharf.sns.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Rebuilds the engine's memory from the store on start (layout: {@link SnsStoreLayout}). */
final class Recovery {
    private Recovery() {
    }

    static void load(SnsStoreLayout layout, Map<String, Topic> topics, Map<String, Subscription> subscriptions) {
        layout.store.scan(layout.topics, new byte[0], (k, v) -> {
            Topic topic = SnsStoreLayout.decodeTopic(k, v);
            topics.put(topic.arn, topic);
        });
        layout.store.scan(layout.dedup, new byte[0], (k, v) -> {
            String key = SnsStoreLayout.text(k);
            int split = key.indexOf('\u0000');
            Topic topic = split < 0 ? null : topics.get(key.substring(0, split));
            if (topic != null) { // expired entries are dropped by the next publish on the topic
                topic.deduplication.put(key.substring(split + 1), SnsStoreLayout.decodeDeduplicated(v));
            }
        });
        layout.store.scan(layout.subscriptions, new byte[0], (k, v) -> {
            Subscription s = SnsStoreLayout.decodeSubscription(k, v);
            Topic topic = topics.get(s.topicArn());
            if (topic != null) { // a topic's deletion removes its subscriptions in the same batch
                subscriptions.put(s.arn(), s);
                topic.addSubscription(s);
            }
        });
    }

    /** The undelivered outbox entries, in publish order. */
    static List<Delivery> outbox(SnsStoreLayout layout) {
        List<Delivery> pending = new ArrayList<>();
        layout.store.scan(layout.outbox, new byte[0], (k, v) -> pending.add(SnsStoreLayout.decodeDelivery(k, v)));
        return pending;
    }
}
