package io.wharf.sns.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A topic in memory. Its settings change only under the engine's registry lock; publishers and readers see them
 * without it (concurrent maps, volatile fields); {@link #subscriptions} is a copy-on-write list so publishers read
 * a consistent set. {@link #publishLock} orders the
 * publishes of one topic (FIFO sequence numbers, deduplication, outbox order).
 */
final class Topic {
    final String arn;
    final String name;
    final String owner;
    final boolean fifo;
    final Map<String, String> attributes;
    final Map<String, String> tags;
    volatile String dataProtectionPolicy;
    volatile List<Subscription> subscriptions = List.of();
    volatile long subscriptionsDeleted;
    final ReentrantLock publishLock = new ReentrantLock();
    /**
     * FIFO: deduplication scope (the id, or group 0x00 id) → (MessageId, SequenceNumber, expiry millis), in the
     * store ({@code sns.dedup}, and {@code sns.dedupexp} in expiry order, which publishing sweeps): memory holds only
     * the ids of publishes not yet awaited. Set once the topic is known to the engine; guarded by {@link #publishLock}.
     */
    io.wharf.storage.ExpiringIds<Deduplicated> deduplication;
    /** FIFO: the last SequenceNumber handed out; guarded by {@link #publishLock}. */
    long lastSequenceNumber;

    record Deduplicated(String messageId, String sequenceNumber, long expiresAtMillis) {
    }

    Topic(String arn, String owner, Map<String, String> attributes, Map<String, String> tags,
          String dataProtectionPolicy) {
        this.arn = arn;
        this.name = arn.substring(arn.lastIndexOf(':') + 1);
        this.owner = owner;
        this.fifo = "true".equalsIgnoreCase(attributes.get(TopicAttributes.FIFO_TOPIC));
        this.attributes = new ConcurrentSkipListMap<>(attributes);
        this.tags = new ConcurrentSkipListMap<>(tags);
        this.dataProtectionPolicy = dataProtectionPolicy;
    }

    String region() {
        return arn.split(":")[3];
    }

    String account() {
        return owner;
    }

    void addSubscription(Subscription s) {
        List<Subscription> next = new ArrayList<>(subscriptions);
        next.removeIf(old -> old.arn().equals(s.arn()));
        next.add(s);
        subscriptions = List.copyOf(next);
    }

    void removeSubscription(String subscriptionArn) {
        List<Subscription> next = new ArrayList<>(subscriptions);
        if (next.removeIf(old -> old.arn().equals(subscriptionArn))) {
            subscriptionsDeleted++;
        }
        subscriptions = List.copyOf(next);
    }

    boolean contentBasedDeduplication() {
        return "true".equalsIgnoreCase(attributes.get(TopicAttributes.CONTENT_BASED_DEDUPLICATION));
    }
}
