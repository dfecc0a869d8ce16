package io.wharf.sns.engine;

import io.wharf.sns.DeliveryTargets;
import io.wharf.sns.SnsErrors;
import io.wharf.storage.Commit;
import io.wharf.storage.WriteBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** Subscribe, ConfirmSubscription, Unsubscribe, the List* pages and subscription attributes (sns.md §3.2, §5.1). */
public final class Subscriptions {
    private static final Logger LOG = LoggerFactory.getLogger(Subscriptions.class);
    /** Protocols confirmed on Subscribe (same account); the others wait for ConfirmSubscription. */
    private static final Set<String> AUTO_CONFIRMED = Set.of("sqs", "lambda", "firehose", "sms", "application");
    private static final Set<String> PROTOCOLS = Set.of("http", "https", "email", "email-json", "sms", "sqs",
            "application", "lambda", "firehose");
    /** Protocols whose endpoint is sent a SubscriptionConfirmation to confirm. */
    private static final Set<String> CONFIRMED_BY_MESSAGE = Set.of("http", "https", "email", "email-json");
    public static final String PENDING_CONFIRMATION = "pending confirmation";
    private static final Pattern LAMBDA_ARN =
            Pattern.compile("arn:aws[a-z-]*:lambda:[a-z0-9-]+:\\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?");
    private static final Pattern FIREHOSE_ARN =
            Pattern.compile("arn:aws[a-z-]*:firehose:[a-z0-9-]+:\\d{12}:deliverystream/[A-Za-z0-9_.-]+");
    private static final Pattern APPLICATION_ARN =
            Pattern.compile("arn:aws[a-z-]*:sns:[a-z0-9-]+:\\d{12}:endpoint/.+");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");
    private static final Pattern SMS = Pattern.compile("\\+?[0-9][0-9 -]{1,19}");
    /**
     * AWS's detail for an HTTP/S endpoint it will not deliver to (Knowledge Center, "troubleshoot HTTP/HTTPS
     * endpoint subscription"): "Invalid parameter: Unreachable Endpoint". Wharf gives it for every target its
     * delivery rules deny, mail addresses included, so a client sees one AWS-shaped refusal.
     */
    static final String UNREACHABLE_ENDPOINT = "Unreachable Endpoint";
    /** Where URLs in messages point when the caller gives no base (engine tests). */
    static final String DEFAULT_URL_BASE = "http://localhost:4566/";

    private final SnsEngine engine;

    Subscriptions(SnsEngine engine) {
        this.engine = engine;
    }

    /** As {@link #subscribe(String, String, String, Map, boolean, String)} with the default URL base. */
    public String subscribe(String topicArn, String protocol, String endpoint, Map<String, String> attributes,
                            boolean returnArn) {
        return subscribe(topicArn, protocol, endpoint, attributes, returnArn, DEFAULT_URL_BASE);
    }

    /**
     * The subscription's ARN, or {@link #PENDING_CONFIRMATION} unless {@code returnArn}. HTTP/S and email
     * subscriptions get a SubscriptionConfirmation, written to the outbox with the subscription.
     *
     * @param urlBase where this server is reached ({@code http://host:port/}): SubscribeURL, SigningCertURL
     */
    public String subscribe(String topicArn, String protocol, String endpoint, Map<String, String> attributes,
                            boolean returnArn, String urlBase) {
        Topic topic = engine.topic(topicArn);
        if (!PROTOCOLS.contains(protocol)) {
            throw SnsErrors.invalidParameter("Amazon SNS does not support this protocol string: " + protocol);
        }
        checkEndpoint(topic, protocol, endpoint);
        checkTarget(topic, protocol, endpoint);
        if (protocol.equals("application") && !engine.platform().endpointExists(endpoint)) {
            throw SnsErrors.invalidParameter("Endpoint Reason: Endpoint does not exist for endpoint arn" + endpoint);
        }
        if (protocol.equals("firehose") && attributes.getOrDefault("SubscriptionRoleArn", "").isEmpty()) {
            throw SnsErrors.invalidParameter("Attributes Reason: SubscriptionRoleArn is required for a Firehose "
                    + "subscription");
        }
        Map<String, String> validated = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : attributes.entrySet()) {
            validated.put(e.getKey(), SubscriptionAttributes.validate(e.getKey(), e.getValue(), attributes,
                    topic.fifo, "Attributes Reason: "));
        }
        Commit commit;
        Subscription result;
        Delivery confirmation = null;
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
                // an SQS queue of another account confirms like an HTTP endpoint: the message lands in the queue
                boolean crossAccount = protocol.equals("sqs") && !Arns.account(endpoint).equals(topic.owner);
                boolean confirmed = AUTO_CONFIRMED.contains(protocol) && !crossAccount;
                String token = confirmed ? null : UUID.randomUUID().toString().replace("-", "")
                        + UUID.randomUUID().toString().replace("-", "");
                result = Subscription.of(topicArn + ":" + UUID.randomUUID(), topicArn, topic.owner, protocol,
                        endpoint, validated, confirmed, token);
                WriteBatch batch = new WriteBatch();
                if (!confirmed && (CONFIRMED_BY_MESSAGE.contains(protocol) || crossAccount)) {
                    confirmation = confirmationMessage(topic, result, Envelope.SUBSCRIPTION_CONFIRMATION, urlBase);
                    batch.put(engine.layout.outbox, SnsStoreLayout.deliveryKey(confirmation.number()),
                            SnsStoreLayout.encode(confirmation));
                }
                commit = put(topic, result, batch);
            }
        } finally {
            engine.registryLock.unlock();
        }
        commit.await();
        if (confirmation != null) {
            engine.deliverer.submit(confirmation);
        }
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
            case "lambda" -> {
                if (!LAMBDA_ARN.matcher(endpoint).matches()) {
                    throw SnsErrors.invalidParameter("Lambda endpoint ARN");
                }
            }
            case "firehose" -> {
                if (!FIREHOSE_ARN.matcher(endpoint).matches()) {
                    throw SnsErrors.invalidParameter("Firehose endpoint ARN");
                }
            }
            case "application" -> {
                if (!APPLICATION_ARN.matcher(endpoint).matches()) {
                    throw SnsErrors.invalidParameter("Application endpoint arn invalid");
                }
            }
            case "email", "email-json" -> {
                if (!EMAIL.matcher(endpoint).matches()) {
                    throw SnsErrors.invalidParameter("Email address");
                }
            }
            case "sms" -> {
                if (!SMS.matcher(endpoint).matches()) {
                    throw SnsErrors.invalidParameter("Invalid SMS endpoint: " + endpoint);
                }
            }
            default -> { }
        }
        if (topic.fifo && !protocol.equals("sqs")) {
            throw SnsErrors.invalidParameter("Invalid protocol type: " + protocol);
        }
    }

    /**
     * Asks the delivery gate about an HTTP/S endpoint or mail address (outside the registry lock: it may resolve
     * a host name). A denied one is refused with AWS's answer for an endpoint it cannot reach. A name that does
     * not resolve yet is accepted: every delivery asks again before it connects.
     */
    private void checkTarget(Topic topic, String protocol, String endpoint) {
        DeliveryTargets.Verdict verdict = switch (protocol) {
            case "http", "https" -> {
                URI uri = Endpoints.parse(endpoint);
                yield uri == null ? DeliveryTargets.Verdict.denied("not a URL with a host")
                        : engine.targets.check(Endpoints.withoutUserInfo(uri));
            }
            case "email", "email-json" -> engine.targets.checkEmail(endpoint);
            default -> DeliveryTargets.Verdict.ALLOWED;
        };
        if (verdict.denied()) {
            LOG.info("refused to subscribe {} endpoint {} to {}: {}", protocol, Endpoints.masked(endpoint),
                    topic.arn, verdict.reason());
            throw SnsErrors.invalidParameter(UNREACHABLE_ENDPOINT);
        }
    }

    public String confirmSubscription(String topicArn, String token) {
        return confirmSubscription(topicArn, token, false);
    }

    /**
     * @param authenticateOnUnsubscribe from then on only an authenticated caller may unsubscribe it (AWS honours the
     *                                  flag only on a signed ConfirmSubscription; the caller decides that)
     */
    public String confirmSubscription(String topicArn, String token, boolean authenticateOnUnsubscribe) {
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
            if (authenticateOnUnsubscribe) {
                Map<String, String> attributes = new java.util.LinkedHashMap<>(confirmed.attributes());
                attributes.put(SubscriptionAttributes.AUTHENTICATE_ON_UNSUBSCRIBE, "true");
                confirmed = confirmed.withAttributes(attributes);
            }
            commit = put(topic, confirmed);
        } finally {
            engine.registryLock.unlock();
        }
        commit.await();
        return confirmed.arn();
    }

    /** Whether the subscription was confirmed with AuthenticateOnUnsubscribe (so its UnsubscribeURL needs a signature). */
    public boolean unsubscribeNeedsAuthentication(String subscriptionArn) {
        Subscription s = subscriptionArn == null ? null : engine.subscriptions.get(subscriptionArn);
        return s != null && "true".equals(s.attributes().get(SubscriptionAttributes.AUTHENTICATE_ON_UNSUBSCRIBE));
    }

    public void unsubscribe(String subscriptionArn) {
        unsubscribe(subscriptionArn, DEFAULT_URL_BASE);
    }

    /**
     * Idempotent: an unknown subscription is already unsubscribed. A confirmed HTTP/S subscription is sent an
     * UnsubscribeConfirmation.
     */
    public void unsubscribe(String subscriptionArn, String urlBase) {
        Arns.split("SubscriptionArn", subscriptionArn);
        Commit commit;
        Delivery confirmation = null;
        engine.registryLock.lock();
        try {
            Subscription s = engine.subscriptions.remove(subscriptionArn);
            WriteBatch batch = new WriteBatch();
            if (s != null) {
                Topic owner = engine.topics.get(s.topicArn());
                if (owner != null && s.confirmed() && s.protocol().startsWith("http")) {
                    confirmation = confirmationMessage(owner, s, Envelope.UNSUBSCRIBE_CONFIRMATION, urlBase);
                    batch.put(engine.layout.outbox, SnsStoreLayout.deliveryKey(confirmation.number()),
                            SnsStoreLayout.encode(confirmation));
                }
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
        if (confirmation != null) {
            engine.deliverer.submit(confirmation);
        }
    }

    /** A SubscriptionConfirmation or UnsubscribeConfirmation outbox entry for {@code s} (sns.md §5.3). */
    private Delivery confirmationMessage(Topic topic, Subscription s, String type, String urlBase) {
        String messageId = UUID.randomUUID().toString();
        String subscribeUrl = Envelope.subscribeUrl(urlBase, topic.arn, s.token());
        String subject = null;
        String body;
        if (s.protocol().equals("email")) {
            subject = "AWS Notification - Subscription Confirmation";
            body = "You have chosen to subscribe to the topic: \n" + topic.arn + "\n\nTo confirm this subscription, "
                    + "click or visit the link below (If this was in error no action is necessary):\n"
                    + "Confirm subscription: " + subscribeUrl + "\n\n" + Publishing.MAIL_FOOTER;
        } else {
            String text = type.equals(Envelope.SUBSCRIPTION_CONFIRMATION)
                    ? "You have chosen to subscribe to the topic " + topic.arn
                    + ".\nTo confirm the subscription, visit the SubscribeURL included in this message."
                    : "You have chosen to deactivate subscription " + s.arn()
                    + ".\nTo cancel this operation and restore the subscription, visit the SubscribeURL included in "
                    + "this message.";
            body = Envelope.confirmation(type, messageId, s.token(), topic.arn, text, subscribeUrl,
                    engine.clock.millis(), topic.attributes.getOrDefault(TopicAttributes.SIGNATURE_VERSION, "1"),
                    urlBase, engine.signingKey);
            if (s.protocol().equals("email-json")) {
                subject = "AWS Notification - Subscription Confirmation";
            }
        }
        String policy = s.protocol().startsWith("http") ? RetryPolicy.effective(
                topic.attributes.get("DeliveryPolicy"), s.attributes().get("DeliveryPolicy")).toJson() : null;
        return new Delivery(engine.lastDeliveryNumber.incrementAndGet(), s.arn(), s.protocol(), s.endpoint(), type,
                messageId, topic.arn, subject, body, Map.of(), null, null, null, false, policy);
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
        Subscription s = subscription(subscriptionArn);
        return SubscriptionAttributes.view(s, engine.topics.get(s.topicArn()));
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
        return put(topic, s, new WriteBatch());
    }

    /** Under the registry lock: memory and the write of one subscription, with whatever else {@code batch} has. */
    private Commit put(Topic topic, Subscription s, WriteBatch batch) {
        engine.subscriptions.put(s.arn(), s);
        topic.addSubscription(s);
        return engine.layout.store.submit(batch.put(engine.layout.subscriptions, SnsStoreLayout.key(s.arn()),
                SnsStoreLayout.encode(s)));
    }
}
