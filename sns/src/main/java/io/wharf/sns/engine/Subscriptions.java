package io.wharf.sns.engine;

import io.wharf.sns.SnsErrors;
import io.wharf.storage.Commit;
import io.wharf.storage.WriteBatch;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Subscribe, ConfirmSubscription, Unsubscribe, the List* pages and subscription attributes (sns.md §3.2, §5.1). */
public final class Subscriptions {
    /** Protocols confirmed on Subscribe (same account); the others wait for ConfirmSubscription. */
    private static final Set<String> AUTO_CONFIRMED = Set.of("sqs", "lambda", "firehose", "sms", "application");
    private static final Set<String> PROTOCOLS = Set.of("http", "https", "email", "email-json", "sms", "sqs",
            "application", "lambda", "firehose");
    public static final String PENDING_CONFIRMATION = "pending confirmation";

    private final SnsEngine engine;

    Subscriptions(SnsEngine engine) {
        this.engine = engine;
    }

    /** The subscription's ARN, or {@link #PENDING_CONFIRMATION} unless {@code returnArn}. */
    public String subscribe(String topicArn, String protocol, String endpoint, Map<String, String> attributes,
                            boolean returnArn) {
        Topic topic = engine.topic(topicArn);
        if (!PROTOCOLS.contains(protocol)) {
            throw SnsErrors.invalidParameter("Amazon SNS does not support this protocol string: " + protocol);
        }
        checkEndpoint(topic, protocol, endpoint);
        Map<String, String> validated = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : attributes.entrySet()) {
            validated.put(e.getKey(), SubscriptionAttributes.validate(e.getKey(), e.getValue(), attributes,
                    topic.fifo, "Attributes Reason: "));
        }
        Commit commit;
        Subscription result;
        engine.registryLock.lock();
        try {
            Subscription existing = topic.subscriptions.stream()
                    .filter(s -> s.protocol().equals(protocol) && s.endpoint().equals(endpoint)).findFirst()
                    .orElse(null);
            if (existing != null) {
                if (!validated.isEmpty() && !existing.attributes().equals(validated)) {
                    throw SnsErrors.invalidParameter("Attributes Reason: Subscription already exists with different "
                            + "attributes");
                }
                result = existing;
                commit = engine.layout.store.submit(new WriteBatch());
            } else {
                checkFilterPolicyLimit(topic, null, validated);
                boolean confirmed = AUTO_CONFIRMED.contains(protocol);
                String token = confirmed ? null : UUID.randomUUID().toString().replace("-", "")
                        + UUID.randomUUID().toString().replace("-", "");
                result = Subscription.of(topicArn + ":" + UUID.randomUUID(), topicArn, topic.owner, protocol,
                        endpoint, validated, confirmed, token);
                commit = put(topic, result);
            }
        } finally {
            engine.registryLock.unlock();
        }
        commit.await();
        return result.confirmed() || returnArn ? result.arn() : PENDING_CONFIRMATION;
    }

    private static void checkEndpoint(Topic topic, String protocol, String endpoint) {
        if (endpoint == null || endpoint.isEmpty()) {
            throw SnsErrors.invalidParameter("Endpoint");
        }
        switch (protocol) {
            case "sqs" -> {
                if (!Arns.isSqsArn(endpoint)) {
                    throw SnsErrors.invalidParameter("SQS endpoint ARN");
                }
                if (endpoint.endsWith(".fifo") && !topic.fifo) {
                    throw SnsErrors.invalidParameter("Invalid parameter: Endpoint Reason: FIFO SQS Queues can not be "
                            + "subscribed to standard SNS topics");
                }
            }
            case "http", "https" -> {
                if (!endpoint.startsWith(protocol + "://")) {
                    throw SnsErrors.invalidParameter("Endpoint must match the specified protocol");
                }
            }
            default -> { }
        }
        if (topic.fifo && !protocol.equals("sqs")) {
            throw SnsErrors.invalidParameter("Invalid protocol type: " + protocol);
        }
    }

    public String confirmSubscription(String topicArn, String token) {
        Arns.split("TopicArn", topicArn);
        Topic topic = engine.topics.get(topicArn);
        if (topic == null) {
            throw SnsErrors.invalidParameter("Topic");
        }
        Commit commit;
        Subscription confirmed;
        engine.registryLock.lock();
        try {
            Subscription pending = topic.subscriptions.stream().filter(s -> token.equals(s.token())).findFirst()
                    .orElseThrow(() -> SnsErrors.invalidParameter("Token"));
            confirmed = pending.confirm();
            commit = put(topic, confirmed);
        } finally {
            engine.registryLock.unlock();
        }
        commit.await();
        return confirmed.arn();
    }

    /** Idempotent: an unknown subscription is already unsubscribed. */
    public void unsubscribe(String subscriptionArn) {
        Arns.split("SubscriptionArn", subscriptionArn);
        Commit commit;
        engine.registryLock.lock();
        try {
            Subscription s = engine.subscriptions.remove(subscriptionArn);
            WriteBatch batch = new WriteBatch();
            if (s != null) {
                Topic topic = engine.topics.get(s.topicArn());
                batch.delete(engine.layout.subscriptions, SnsStoreLayout.key(s.arn()));
                if (topic != null) {
                    topic.removeSubscription(s.arn());
                    batch.put(engine.layout.topics, SnsStoreLayout.key(topic.arn), SnsStoreLayout.encode(topic));
                }
            }
            commit = engine.layout.store.submit(batch);
        } finally {
            engine.registryLock.unlock();
        }
        commit.await();
    }

    public Page<Subscription> list(String region, String account, String nextToken) {
        String prefix = "arn:aws:sns:" + region + ":" + account + ":";
        List<Subscription> all = SnsEngine.sorted(engine.subscriptions.values(), Comparator.comparing(Subscription::arn))
                .stream().filter(s -> s.arn().startsWith(prefix)).toList();
        return Page.of(all, Subscription::arn, nextToken, engine.limits.pageSize());
    }

    public Page<Subscription> listByTopic(String topicArn, String nextToken) {
        Topic topic = engine.topic(topicArn);
        return Page.of(SnsEngine.sorted(topic.subscriptions, Comparator.comparing(Subscription::arn)),
                Subscription::arn, nextToken, engine.limits.pageSize());
    }

    public Map<String, String> getAttributes(String subscriptionArn) {
        return SubscriptionAttributes.view(subscription(subscriptionArn));
    }

    public void setAttribute(String subscriptionArn, String name, String value) {
        Commit commit;
        engine.registryLock.lock();
        try {
            Subscription s = subscription(subscriptionArn);
            Topic topic = engine.topic(s.topicArn());
            Map<String, String> changed = new LinkedHashMap<>(s.attributes());
            changed.put(name, value == null ? "" : value);
            changed.put(name, SubscriptionAttributes.validate(name, value, changed, topic.fifo, ""));
            checkFilterPolicyLimit(topic, s.arn(), changed);
            commit = put(topic, s.withAttributes(changed));
        } finally {
            engine.registryLock.unlock();
        }
        commit.await();
    }

    /** At most {@link SnsLimits#maxFilterPolicies()} subscriptions of a topic have a filter policy. */
    private void checkFilterPolicyLimit(Topic topic, String changing, Map<String, String> attributes) {
        String policy = attributes.get(SubscriptionAttributes.FILTER_POLICY);
        if (policy == null || policy.isEmpty()) {
            return;
        }
        long others = topic.subscriptions.stream()
                .filter(s -> s.filterPolicy() != null && !s.arn().equals(changing)).count();
        if (others >= engine.limits.maxFilterPolicies()) {
            throw SnsErrors.FILTER_POLICY_LIMIT_EXCEEDED.error("Filter policy limit exceeded for topic "
                    + topic.arn);
        }
    }

    private Subscription subscription(String arn) {
        Arns.split("SubscriptionArn", arn);
        Subscription s = engine.subscriptions.get(arn);
        if (s == null) {
            throw SnsErrors.subscriptionNotFound();
        }
        return s;
    }

    /** Under the registry lock: memory and the write of one subscription. */
    private Commit put(Topic topic, Subscription s) {
        engine.subscriptions.put(s.arn(), s);
        topic.addSubscription(s);
        return engine.layout.store.submit(new WriteBatch().put(engine.layout.subscriptions,
                SnsStoreLayout.key(s.arn()), SnsStoreLayout.encode(s)));
    }
}
