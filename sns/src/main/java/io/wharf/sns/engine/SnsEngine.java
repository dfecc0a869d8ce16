package io.wharf.sns.engine;

import io.wharf.sns.DeliveryTargets;
import io.wharf.sns.SmtpSettings;
import io.wharf.sns.SnsErrors;
import io.wharf.sns.SqsDelivery;
import io.wharf.storage.Commit;
import io.wharf.storage.Store;
import io.wharf.storage.WriteBatch;
import io.wharf.storage.crypto.MasterKey;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The SNS engine: topics and their settings (here), subscriptions ({@link Subscriptions}), publishing
 * ({@link Publishing}) and delivery ({@link Deliverer}). Control-plane changes take the registry lock, submit their
 * batch under it and await it after; publishes take only their topic's publish lock. A new engine on the same
 * store recovers everything and redelivers what the outbox still holds.
 */
public final class SnsEngine implements AutoCloseable {
    final SnsStoreLayout layout;
    final Clock clock;
    final SnsLimits limits;
    final Map<String, Topic> topics = new ConcurrentHashMap<>();
    final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    final ReentrantLock registryLock = new ReentrantLock();
    /** The key of the last outbox entry written (publishes and confirmations share the numbering). */
    final java.util.concurrent.atomic.AtomicLong lastDeliveryNumber;
    final SigningKey signingKey;
    /** Which HTTP/S endpoints and mail addresses may be delivered to: asked at Subscribe and by the deliverer. */
    final DeliveryTargets targets;
    final Deliverer deliverer;
    /** Data keys of topics with a KmsMasterKeyId; null when no KMS is wired. */
    final io.wharf.protocol.crypto.DataKeyRing keyRing;
    private final Publishing publishing;
    private final Subscriptions subscribing;
    private final PlatformState platform;

    /** @param masterKey wraps the signing key in the store */
    public SnsEngine(Store store, Clock clock, SqsDelivery sqs, SnsLimits limits, MasterKey masterKey) {
        this(store, clock, sqs, limits, SmtpSettings.NONE, masterKey);
    }

    /** @param smtp where email and email-json subscriptions are mailed */
    public SnsEngine(Store store, Clock clock, SqsDelivery sqs, SnsLimits limits, SmtpSettings smtp,
                     MasterKey masterKey) {
        this(store, clock, sqs, limits, smtp, DeliveryTargets.ALLOW_ALL, masterKey);
    }

    /**
     * @param smtp      where email and email-json subscriptions are mailed
     * @param targets   the endpoints and addresses SNS may deliver to ({@link DeliveryTargets#ALLOW_ALL}: any)
     * @param masterKey wraps the signing key in the store
     */
    public SnsEngine(Store store, Clock clock, SqsDelivery sqs, SnsLimits limits, SmtpSettings smtp,
                     DeliveryTargets targets, MasterKey masterKey) {
        this(store, clock, sqs, limits, smtp, targets, masterKey, null);
    }

    /**
     * @param kms the KMS topics with a {@code KmsMasterKeyId} seal their stored messages with (null: none wired;
     *            the attribute is then stored and echoed only)
     */
    public SnsEngine(Store store, Clock clock, SqsDelivery sqs, SnsLimits limits, SmtpSettings smtp,
                     DeliveryTargets targets, MasterKey masterKey, io.wharf.protocol.crypto.DataKeys kms) {
        this(store, clock, sqs, limits, smtp, targets, masterKey, kms, io.wharf.sns.FirehoseDelivery.NONE);
    }

    /** @param firehose how {@code firehose} subscriptions reach their delivery streams */
    public SnsEngine(Store store, Clock clock, SqsDelivery sqs, SnsLimits limits, SmtpSettings smtp,
                     DeliveryTargets targets, MasterKey masterKey, io.wharf.protocol.crypto.DataKeys kms,
                     io.wharf.sns.FirehoseDelivery firehose) {
        this.layout = new SnsStoreLayout(store);
        this.keyRing = kms == null ? null : new io.wharf.protocol.crypto.DataKeyRing(kms,
                io.wharf.protocol.crypto.DataKeys.NONE, layout.dataKeyStore());
        this.targets = Objects.requireNonNull(targets, "targets");
        this.clock = clock;
        this.limits = limits;
        Recovery.load(layout, topics, subscriptions, clock.millis());
        this.signingKey = SigningKey.loadOrCreate(store, layout.keys, masterKey);
        List<Delivery> undelivered = Recovery.outbox(layout, keyRing, clock);
        this.lastDeliveryNumber = new java.util.concurrent.atomic.AtomicLong(Recovery.lastOutboxNumber(layout));
        this.deliverer = new Deliverer(layout, sqs, limits, smtp, targets, subscriptions::containsKey, firehose);
        this.publishing = new Publishing(this);
        this.subscribing = new Subscriptions(this);
        this.platform = new PlatformState(layout);
        undelivered.forEach(deliverer::submit);
    }

    public Subscriptions subscriptions() {
        return subscribing;
    }

    public PlatformState platform() {
        return platform;
    }

    /** The certificate SNS signs with: served at {@code /<certificateName>} (the SigningCertURL). */
    public SigningKey signingKey() {
        return signingKey;
    }

    // ---- topics

    public String createTopic(String region, String account, String name, Map<String, String> attributes,
                              Map<String, String> tags, String dataProtectionPolicy) {
        Map<String, String> validated = TopicAttributes.validateCreate(name, attributes);
        Tags.check(tags, Map.of());
        String arn = Arns.topic(region, account, name);
        Commit commit;
        registryLock.lock();
        try {
            Topic existing = topics.get(arn);
            if (existing != null) {
                for (Map.Entry<String, String> e : validated.entrySet()) {
                    if (!Objects.equals(TopicAttributes.view(existing).get(e.getKey()), e.getValue())) {
                        throw SnsErrors.invalidParameter("Attributes Reason: Topic already exists with different "
                                + "attributes");
                    }
                }
                if (!tags.isEmpty() && !tags.equals(existing.tags)) {
                    throw SnsErrors.invalidParameter("Tags Reason: Topic already exists with different tags");
                }
                commit = layout.store.submit(new WriteBatch()); // its creation may not be durable yet
            } else {
                Topic topic = new Topic(arn, account, validated, tags, dataProtectionPolicy);
                topic.deduplication = layout.deduplication(arn);
                commit = persist(topic);
                topics.put(arn, topic);
            }
        } finally {
            registryLock.unlock();
        }
        commit.await();
        return arn;
    }

    /** Idempotent: deleting a topic that does not exist succeeds. Its subscriptions go with it. */
    public void deleteTopic(String arn) {
        Arns.split("TopicArn", arn);
        Commit commit;
        registryLock.lock();
        try {
            Topic topic = topics.remove(arn);
            WriteBatch batch = new WriteBatch();
            if (topic != null) {
                batch.delete(layout.topics, SnsStoreLayout.key(arn));
                topic.deduplication.deleteAll(batch);
                for (Subscription s : topic.subscriptions) {
                    subscriptions.remove(s.arn());
                    batch.delete(layout.subscriptions, SnsStoreLayout.key(s.arn()));
                }
            }
            commit = layout.store.submit(batch);
        } finally {
            registryLock.unlock();
        }
        commit.await();
    }

    public Page<String> listTopics(String region, String account, String nextToken) {
        String prefix = "arn:aws:sns:" + region + ":" + account + ":";
        List<String> arns = topics.keySet().stream().filter(a -> a.startsWith(prefix)).sorted().toList();
        return Page.of(arns, a -> a, nextToken, limits.pageSize());
    }

    public Map<String, String> getTopicAttributes(String arn) {
        return TopicAttributes.view(topic(arn));
    }

    public void setTopicAttribute(String arn, String name, String value) {
        change(arn, topic -> {
            if (name.equals(TopicAttributes.FIFO_TOPIC)) {
                throw SnsErrors.invalidParameter("AttributeName");
            }
            String v = TopicAttributes.validate(name, value, topic.fifo, "");
            if (v.isEmpty() && !name.equals(TopicAttributes.DISPLAY_NAME)) {
                topic.attributes.remove(name);
            } else {
                topic.attributes.put(name, v);
            }
        });
    }

    public void addPermission(String arn, String label, List<String> accounts, List<String> actions) {
        change(arn, topic -> topic.attributes.put(TopicAttributes.POLICY, TopicPolicy.addPermission(
                TopicAttributes.view(topic).get(TopicAttributes.POLICY), arn, label, accounts, actions)));
    }

    public void removePermission(String arn, String label) {
        change(arn, topic -> topic.attributes.put(TopicAttributes.POLICY, TopicPolicy.removePermission(
                TopicAttributes.view(topic).get(TopicAttributes.POLICY), label)));
    }

    public void tagResource(String arn, Map<String, String> tags) {
        change(tagged(arn), topic -> {
            Tags.check(tags, topic.tags);
            topic.tags.putAll(tags);
        });
    }

    public void untagResource(String arn, List<String> keys) {
        change(tagged(arn), topic -> keys.forEach(topic.tags::remove));
    }

    public Map<String, String> listTagsForResource(String arn) {
        return new LinkedHashMap<>(topics.get(tagged(arn)).tags);
    }

    /** The topic's access policy as GetTopicAttributes shows it (AWS's default one unless set), or null when no topic. */
    public String topicPolicy(String arn) {
        Topic topic = arn == null ? null : topics.get(arn);
        if (topic == null) {
            return null;
        }
        registryLock.lock(); // topic settings change under this lock
        try {
            return TopicAttributes.view(topic).get(TopicAttributes.POLICY);
        } finally {
            registryLock.unlock();
        }
    }

    /** The topic's tags; empty when it has none or does not exist. */
    public Map<String, String> resourceTags(String arn) {
        Topic topic = arn == null ? null : topics.get(arn);
        if (topic == null) {
            return Map.of();
        }
        registryLock.lock();
        try {
            return Map.copyOf(topic.tags);
        } finally {
            registryLock.unlock();
        }
    }

    public void putDataProtectionPolicy(String arn, String policy) {
        change(arn, topic -> {
            if (!Json.isObject(policy)) {
                throw SnsErrors.invalidParameter("DataProtectionPolicy Reason: failed to parse JSON.");
            }
            topic.dataProtectionPolicy = policy;
        });
    }

    public String getDataProtectionPolicy(String arn) {
        return topic(arn).dataProtectionPolicy;
    }

    private String tagged(String arn) {
        Arns.split("ResourceArn", arn);
        if (!topics.containsKey(arn)) {
            throw SnsErrors.RESOURCE_NOT_FOUND.error("Resource does not exist");
        }
        return arn;
    }

    /** A change to one topic's settings, under the registry lock, persisted before returning. */
    private void change(String arn, java.util.function.Consumer<Topic> change) {
        Commit commit;
        registryLock.lock();
        try {
            Topic topic = topic(arn);
            change.accept(topic);
            commit = persist(topic);
        } finally {
            registryLock.unlock();
        }
        commit.await();
    }

    Commit persist(Topic topic) {
        return layout.store.submit(new WriteBatch().put(layout.topics, SnsStoreLayout.key(topic.arn),
                SnsStoreLayout.encode(topic)));
    }

    Topic topic(String arn) {
        if (arn == null) {
            throw SnsErrors.invalidParameter("TopicArn");
        }
        Arns.split("TopicArn", arn);
        Topic topic = topics.get(arn);
        if (topic == null) {
            throw SnsErrors.topicNotFound();
        }
        return topic;
    }

    // ---- publishing

    public PublishResult publish(PublishCommand command) {
        int targets = (command.topicArn() != null ? 1 : 0) + (command.targetArn() != null ? 1 : 0)
                + (command.phoneNumber() != null ? 1 : 0);
        if (targets == 0) {
            throw SnsErrors.invalidParameter("TopicArn or TargetArn Reason: no value for required parameter");
        }
        if (targets > 1) {
            throw SnsErrors.invalidParameter("TopicArn Reason: Only one of TopicArn, TargetArn or PhoneNumber may "
                    + "be specified");
        }
        if (command.topicArn() == null) {
            MessageValidation.check(command, limits.maxMessageBytes());
            return platform.publish(command); // accepted, not delivered (no push/SMS here)
        }
        return publishing.publish(topic(command.topicArn()), command);
    }

    public BatchResult publishBatch(String topicArn, List<Map.Entry<String, PublishCommand>> entries) {
        return publishing.publishBatch(topic(topicArn), entries);
    }

    /** Every topic's counters for metrics (publishes, deliveries by protocol and outcome, retries, outbox). */
    public List<DeliveryCounters.TopicStats> topicStats() {
        return deliverer.counters.stats(topics.keySet());
    }

    /**
     * AWS/SNS PublishSize: the sizes of the messages published to each topic since the last call, drained (one reader
     * only, the CloudWatch publisher); topics with none are left out.
     */
    public Map<String, io.wharf.protocol.metrics.Distribution.Summary> drainPublishSizes() {
        return deliverer.counters.drainPublishSizes(topics.keySet());
    }

    /** Deliveries handed to the delivery lanes and not finished yet (for tests and shutdown logs). */
    public long pendingDeliveries() {
        return deliverer.pending();
    }

    static <T> List<T> sorted(java.util.Collection<T> items, Comparator<T> order) {
        List<T> list = new ArrayList<>(items);
        list.sort(order);
        return list;
    }

    @Override
    public void close() {
        deliverer.close();
    }
}
