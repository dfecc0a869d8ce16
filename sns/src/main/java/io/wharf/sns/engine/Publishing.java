package io.wharf.sns.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.AwsException;
import io.wharf.sns.MessageAttribute;
import io.wharf.sns.SnsErrors;
import io.wharf.storage.Commit;
import io.wharf.storage.WriteBatch;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Publish and PublishBatch on one topic: validation, FIFO sequence numbers and deduplication, matching every
 * subscription's filter policy, and writing one outbox entry per matching subscription (SQS, HTTP/S, email) with
 * its body rendered and signed — all in one store batch, submitted under the topic's publish lock and awaited
 * before answering; delivery starts after that. One RSA signature per message text: the signed fields name no
 * subscription.
 *
 * <p>SequenceNumbers are {@code max(last + 1, now millis × 10^6)} as 20 digits: increasing per topic and across
 * restarts without a write of their own (the clock moves on).
 */
final class Publishing {
    private static final Pattern BATCH_ENTRY_ID = Pattern.compile("[A-Za-z0-9_-]*");
    /** Protocols Wharf delivers to. */
    private static final Set<String> DELIVERED = Set.of("sqs", "http", "https", "email", "email-json", "firehose");
    static final String DEFAULT_MAIL_SUBJECT = "AWS Notification Message";
    static final String MAIL_FOOTER = "Please do not reply directly to this email. If you have any questions or "
            + "comments regarding this email, please contact us at https://aws.amazon.com/support";

    private final SnsStoreLayout layout;
    private final Clock clock;
    private final SnsLimits limits;
    private final Deliverer deliverer;
    private final AtomicLong lastDeliveryNumber;
    private final SigningKey key;
    private final io.wharf.protocol.crypto.DataKeyRing keyRing;

    /** How long one data key seals a topic's messages before KMS is asked for the next. */
    static final int DATA_KEY_REUSE_SECONDS = 300;

    Publishing(SnsEngine engine) {
        this.layout = engine.layout;
        this.clock = engine.clock;
        this.limits = engine.limits;
        this.deliverer = engine.deliverer;
        this.lastDeliveryNumber = engine.lastDeliveryNumber;
        this.key = engine.signingKey;
        this.keyRing = engine.keyRing;
    }

    /** The data key the topic's outbox entries are sealed with now; null when it has no key or no KMS is wired. */
    private io.wharf.protocol.crypto.DataKeyRing.Key dataKey(Topic topic) {
        String keyId = topic.attributes.get("KmsMasterKeyId");
        if (keyRing == null || keyId == null || keyId.isEmpty()) {
            return null;
        }
        io.wharf.protocol.crypto.DataKeyRing.Scope scope = new io.wharf.protocol.crypto.DataKeyRing.Scope(
                Arns.account(topic.arn), false, keyId, Map.of("aws:sns:topicArn", topic.arn),
                DATA_KEY_REUSE_SECONDS * 1000L);
        try {
            return keyRing.current(topic.arn, scope, clock.millis());
        } catch (io.wharf.protocol.crypto.KmsFailure f) {
            throw SnsErrors.kms(f);
        }
    }

    PublishResult publish(Topic topic, PublishCommand command) {
        MessageValidation.check(command, limits.maxMessageBytes());
        MessageValidation.checkFifo(command, topic);
        List<Delivery> deliveries = new ArrayList<>();
        WriteBatch batch = new WriteBatch();
        PublishResult result;
        Commit commit;
        Remembered remembered = new Remembered();
        topic.publishLock.lock();
        try {
            io.wharf.protocol.crypto.DataKeyRing.Key dataKey = dataKey(topic); // a refusal changes nothing
            result = accept(topic, command, batch, deliveries, dataKey, remembered);
            commit = submit(topic, batch, remembered); // empty for duplicates: still a barrier for the first's write
        } finally {
            topic.publishLock.unlock();
        }
        commit.await();
        remembered.settled(topic);
        deliverer.counters.published(topic.arn, 1);
        deliverer.counters.publishSize(topic.arn, MessageValidation.size(command));
        deliveries.forEach(deliverer::submit);
        return result;
    }

    BatchResult publishBatch(Topic topic, List<Map.Entry<String, PublishCommand>> entries) {
        checkBatch(entries);
        for (Map.Entry<String, PublishCommand> e : entries) {
            if (topic.fifo) {
                MessageValidation.checkFifo(e.getValue(), topic); // fails the whole call, as AWS does
            }
        }
        List<BatchResult.Success> successful = new ArrayList<>();
        List<BatchResult.Failure> failed = new ArrayList<>();
        List<Delivery> deliveries = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        WriteBatch batch = new WriteBatch();
        Commit commit;
        Remembered remembered = new Remembered();
        topic.publishLock.lock();
        try {
            io.wharf.protocol.crypto.DataKeyRing.Key dataKey = dataKey(topic); // the whole call fails
            for (Map.Entry<String, PublishCommand> e : entries) {
                try {
                    MessageValidation.check(e.getValue(), limits.maxMessageBytes());
                    MessageValidation.checkFifo(e.getValue(), topic);
                    PublishResult r = accept(topic, e.getValue(), batch, deliveries, dataKey, remembered);
                    successful.add(new BatchResult.Success(e.getKey(), r.messageId(), r.sequenceNumber()));
                    sizes.add(MessageValidation.size(e.getValue()));
                } catch (AwsException error) {
                    failed.add(new BatchResult.Failure(e.getKey(), error.code(), error.getMessage(),
                            error.senderFault()));
                }
            }
            commit = submit(topic, batch, remembered);
        } finally {
            topic.publishLock.unlock();
        }
        commit.await();
        remembered.settled(topic);
        deliverer.counters.published(topic.arn, successful.size());
        sizes.forEach(size -> deliverer.counters.publishSize(topic.arn, size));
        deliveries.forEach(deliverer::submit);
        return new BatchResult(successful, failed);
    }

    private void checkBatch(List<Map.Entry<String, PublishCommand>> entries) {
        if (entries.isEmpty()) {
            throw SnsErrors.EMPTY_BATCH_REQUEST.error("The batch request doesn't contain any entries.");
        }
        if (entries.size() > limits.maxBatchEntries()) {
            throw SnsErrors.TOO_MANY_ENTRIES_IN_BATCH_REQUEST.error(
                    "The batch request contains more entries than permissible.");
        }
        Set<String> ids = new HashSet<>();
        long total = 0;
        for (Map.Entry<String, PublishCommand> e : entries) {
            String id = e.getKey() == null ? "" : e.getKey();
            if (id.length() > 80) {
                throw SnsErrors.INVALID_BATCH_ENTRY_ID.error("The Id of a batch entry in a batch request is too long: "
                        + id);
            }
            if (id.isEmpty() || !BATCH_ENTRY_ID.matcher(id).matches()) {
                throw SnsErrors.INVALID_BATCH_ENTRY_ID.error("The Id of a batch entry in the batch request contains "
                        + "an impermissible character: " + id);
            }
            if (!ids.add(id)) {
                throw SnsErrors.BATCH_ENTRY_IDS_NOT_DISTINCT.error(
                        "Two or more batch entries in the request have the same Id.");
            }
            if (e.getValue().message() != null) {
                total += MessageValidation.size(e.getValue());
            }
        }
        if (total > limits.maxMessageBytes()) {
            throw SnsErrors.BATCH_REQUEST_TOO_LONG.error(
                    "The length of all the messages put together is more than the limit.");
        }
    }

    /** The FIFO deduplication ids a call remembered: pending until its commit is awaited. */
    private static final class Remembered {
        final List<String> scopes = new ArrayList<>();
        final List<Topic.Deduplicated> ids = new ArrayList<>();

        void settled(Topic topic) {
            if (!scopes.isEmpty()) {
                topic.deduplication.settled(scopes, ids);
            }
        }
    }

    /** Submits under the publish lock; a refused write remembered nothing. */
    private Commit submit(Topic topic, WriteBatch batch, Remembered remembered) {
        try {
            return layout.store.submit(batch);
        } catch (RuntimeException e) {
            remembered.settled(topic);
            throw e;
        }
    }

    /** Under the publish lock: dedup, ids, and the outbox entries of every matching subscription. */
    private PublishResult accept(Topic topic, PublishCommand c, WriteBatch batch, List<Delivery> deliveries,
                                 io.wharf.protocol.crypto.DataKeyRing.Key dataKey, Remembered remembered) {
        long now = clock.millis();
        String dedupId = null;
        if (topic.fifo) {
            dedupId = c.dedupId() != null ? c.dedupId() : Envelope.sha256Hex(c.message());
            String scope = "MessageGroup".equals(topic.attributes.get("FifoThroughputScope"))
                    ? c.groupId() + "\u0000" + dedupId : dedupId;
            topic.deduplication.expire(now, batch);
            // an id past its window that is still stored counts as unseen: the put below takes its place
            Topic.Deduplicated seen = topic.deduplication.find(scope, now);
            if (seen != null) {
                return new PublishResult(seen.messageId(), seen.sequenceNumber());
            }
            String messageId = UUID.randomUUID().toString();
            topic.lastSequenceNumber = Math.max(topic.lastSequenceNumber + 1, now * 1_000_000L);
            String sequence = String.format("%020d", topic.lastSequenceNumber);
            Topic.Deduplicated id = new Topic.Deduplicated(messageId, sequence,
                    now + limits.deduplicationWindow().toMillis());
            topic.deduplication.remember(scope, id, batch);
            remembered.scopes.add(scope);
            remembered.ids.add(id);
            fanOut(topic, c, messageId, sequence, dedupId, now, batch, deliveries, dataKey);
            return new PublishResult(messageId, sequence);
        }
        String messageId = UUID.randomUUID().toString();
        fanOut(topic, c, messageId, null, null, now, batch, deliveries, dataKey);
        return new PublishResult(messageId, null);
    }

    private void fanOut(Topic topic, PublishCommand c, String messageId, String sequence, String dedupId, long now,
                        WriteBatch batch, List<Delivery> deliveries,
                        io.wharf.protocol.crypto.DataKeyRing.Key dataKey) {
        ObjectNode structured = "json".equals(c.messageStructure()) ? MessageValidation.structured(c.message()) : null;
        // "Message attributes are sent only when the message structure is String, not JSON" (AWS docs)
        Map<String, MessageAttribute> delivered = structured == null ? c.attributes() : Map.of();
        String signatureVersion = topic.attributes.getOrDefault(TopicAttributes.SIGNATURE_VERSION, "1");
        Map<String, String> signatures = new HashMap<>(); // per message text: usually one RSA signature a publish
        String urlBase = c.unsubscribeUrlBase();
        for (Subscription s : topic.subscriptions) {
            if (!s.confirmed() || !DELIVERED.contains(s.protocol())) {
                continue; // lambda, sms, application: stored, not delivered (docs/compatibility.md)
            }
            if (s.filterPolicy() != null && !s.filterPolicy().matches(c.attributes(), c.message())) {
                continue;
            }
            String message = structured == null ? c.message()
                    : structured.path(s.protocol()).isTextual() ? structured.get(s.protocol()).asText()
                    : structured.get("default").asText();
            Envelope.Notification n = new Envelope.Notification(messageId, sequence, topic.arn, c.subject(), message,
                    now, signatureVersion, delivered);
            boolean raw = s.rawMessageDelivery() && !s.protocol().startsWith("email");
            if (raw && s.protocol().equals("sqs") && delivered.size() > 10) {
                continue; // SQS takes at most 10 attributes: AWS discards the message as a client error
            }
            String envelope = raw || s.protocol().equals("email") ? null
                    : Envelope.render(n, sequence != null ? null
                    : signatures.computeIfAbsent(message, m -> Envelope.signature(n, key)), s.arn(), urlBase, key);
            String subject = c.subject();
            String body = raw ? message : envelope;
            String policy = null;
            switch (s.protocol()) {
                case "http", "https" -> policy = RetryPolicy.effective(topic.attributes.get("DeliveryPolicy"),
                        s.attributes().get("DeliveryPolicy")).toJson();
                case "email" -> {
                    subject = subject != null ? subject : DEFAULT_MAIL_SUBJECT;
                    body = message + "\n\n--\nIf you wish to stop receiving notifications from this topic, please "
                            + "click or visit the link below to unsubscribe:\n"
                            + Envelope.unsubscribeUrl(urlBase, s.arn()) + "\n\n" + MAIL_FOOTER;
                }
                case "email-json" -> subject = subject != null ? subject : DEFAULT_MAIL_SUBJECT;
                default -> { }
            }
            Delivery d = new Delivery(lastDeliveryNumber.incrementAndGet(), s.arn(), s.protocol(), s.endpoint(),
                    Envelope.NOTIFICATION, messageId, topic.arn, subject, body,
                    raw && s.protocol().equals("sqs") ? delivered : Map.of(), c.groupId(),
                    topic.fifo ? dedupId : null, deadLetterTarget(s), raw, policy);
            batch.put(layout.outbox, SnsStoreLayout.deliveryKey(d.number()), SnsStoreLayout.encode(d, dataKey));
            deliveries.add(d);
        }
    }

    private static String deadLetterTarget(Subscription s) {
        String policy = s.attributes().get(SubscriptionAttributes.REDRIVE_POLICY);
        if (policy == null || policy.isEmpty()) {
            return null;
        }
        ObjectNode node = Json.parseObject(policy);
        return node == null ? null : node.path("deadLetterTargetArn").asText(null);
    }
}
