package io.wharf.sns.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.sns.MessageAttribute;
import io.wharf.storage.KeySpace;
import io.wharf.storage.Store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How SNS lies on disk. Six key spaces; every value is a UTF-8 JSON object (small, rarely written except the
 * outbox, and readable with any tool — the control plane is not a hot path):
 * <pre>
 * sns.topics         key: topic ARN (UTF-8)
 *                    value: {"owner", "attributes":{name:value} (only what was set, FifoTopic included),
 *                            "tags":{key:value}, "dataProtectionPolicy"?, "subscriptionsDeleted"}
 * sns.subscriptions  key: subscription ARN (UTF-8) = topic ARN + ":" + uuid
 *                    value: {"topicArn", "owner", "protocol", "endpoint", "attributes":{...},
 *                            "confirmed", "token"}
 * sns.outbox         key: delivery number, 8 bytes big-endian (publish order)
 *                    value: {"subscriptionArn", "protocol", "endpoint", "type", "messageId", "topicArn",
 *                            "subject"?, "body", "attributes":{name:{"DataType", "StringValue" | "BinaryValue"
 *                            (base64)}}, "groupId"?, "dedupId"?, "dlq"?, "raw", "policy"?}
 *                    (entries written before HTTP delivery have "queueArn" and no protocol: SQS)
 * sns.platform       key: "app:" + ARN, "endpoint:" + ARN, "sms", "sandbox:" + phone, "optedOut:" + phone
 *                    value: the entity's JSON (see {@link PlatformState})
 * sns.keys           key: "signing-key"   value: {"wrappedKey": base64 of the PKCS#8 key wrapped by the master key
 *                    (purpose "sns signing key"), "certificate": DER base64}; before wrapping {"key": PKCS#8
 *                    base64, ...}, rewritten wrapped on start
 *                    ({@link SigningKey}: made on the first start, so signatures verify across restarts)
 * sns.dedup          key: topic ARN + 0x00 + dedup scope (the id, or group 0x00 id) (UTF-8)
 *                    value: {"messageId", "sequenceNumber", "expiresAt"} — FIFO topics' 5-minute window,
 *                    written with the publish, so a duplicate after a restart is still recognised
 * sns.dedupexp       key: topic ARN + 0x00 + expiresAt (8 bytes big-endian) + dedup scope (UTF-8)
 *                    value: empty — sns.dedup's ids in the order they expire, for the sweep
 *                    ({@link io.wharf.storage.ExpiringIds}; recovery writes it again for every id)
 * sns.datakeys       key: ref, 8 bytes big-endian
 *                    value: a wrapped data key ({@link io.wharf.protocol.crypto.DataKeyRing}; not JSON)
 * </pre>
 * Encryption at rest: with a KMS wired, the outbox entries a Publish to a topic with {@code KmsMasterKeyId}
 * writes are the JSON above sealed whole (AES-256-GCM, first byte 0xE5, never '{') under a data key of that KMS
 * key, reused for {@value Publishing#DATA_KEY_REUSE_SECONDS} s and stored once in {@code sns.datakeys}. Plain
 * entries (other topics, confirmations, entries from before) are read as before. Topic and subscription
 * records, attributes, tags and deduplication entries stay plain.
 * A Publish writes its outbox entries in the same batch as nothing else — the outbox is the publish — and
 * awaits it before answering, so an acknowledged message is delivered even if the process dies right after.
 * A delivered entry is deleted (not awaited: losing the delete means one more delivery, at-least-once).
 * Deleting a topic deletes its subscriptions and deduplication entries in the same batch. Delivery numbers restart after the largest
 * key found on start; FIFO sequence numbers are derived from the clock (see {@code Publishing}) and so need
 * no key of their own.
 */
public final class SnsStoreLayout {
    final Store store;
    final KeySpace topics;
    final KeySpace subscriptions;
    final KeySpace outbox;
    final KeySpace platform;
    final KeySpace dedup;
    final KeySpace dedupExpiry;
    final KeySpace keys;
    final KeySpace dataKeys;

    SnsStoreLayout(Store store) {
        this.store = store;
        this.topics = store.keySpace("sns.topics");
        this.subscriptions = store.keySpace("sns.subscriptions");
        this.outbox = store.keySpace("sns.outbox");
        this.platform = store.keySpace("sns.platform");
        this.dedup = store.keySpace("sns.dedup");
        this.dedupExpiry = store.keySpace("sns.dedupexp");
        this.keys = store.keySpace("sns.keys");
        this.dataKeys = store.keySpace("sns.datakeys");
    }

    /** Keeps the wrapped data keys in {@code sns.datakeys}, each durable before it is used. */
    io.wharf.protocol.crypto.DataKeyRing.KeyStore dataKeyStore() {
        return new io.wharf.protocol.crypto.DataKeyRing.KeyStore() {
            @Override
            public void save(long ref, byte[] wrapped) {
                store.submit(new io.wharf.storage.WriteBatch().put(dataKeys, deliveryKey(ref), wrapped)).await();
            }

            @Override
            public byte[] load(long ref) {
                return store.get(dataKeys, deliveryKey(ref));
            }
        };
    }

    /** An outbox entry, sealed under {@code key} (an encrypted topic's data key) when it is not null. */
    static byte[] encode(Delivery d, io.wharf.protocol.crypto.DataKeyRing.Key key) {
        byte[] plain = encode(d);
        return key == null ? plain : key.seal(plain);
    }

    static byte[] key(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] key) {
        return new String(key, StandardCharsets.UTF_8);
    }

    /** A topic's FIFO deduplication ids ({@code sns.dedup} under topic ARN + 0x00, {@code sns.dedupexp}). */
    io.wharf.storage.ExpiringIds<Topic.Deduplicated> deduplication(String topicArn) {
        return new io.wharf.storage.ExpiringIds<>(store, dedup, dedupExpiry, key(topicArn + '\u0000'), DEDUPLICATED);
    }

    private static final io.wharf.storage.ExpiringIds.Codec<Topic.Deduplicated> DEDUPLICATED = io.wharf.storage
            .ExpiringIds.Codec.of(SnsStoreLayout::encode, SnsStoreLayout::decodeDeduplicated,
                    Topic.Deduplicated::expiresAtMillis);

    static byte[] encode(Topic.Deduplicated d) {
        return Json.bytes(Json.MAPPER.createObjectNode().put("messageId", d.messageId())
                .put("sequenceNumber", d.sequenceNumber()).put("expiresAt", d.expiresAtMillis()));
    }

    static Topic.Deduplicated decodeDeduplicated(byte[] value) {
        ObjectNode node = Json.read(value);
        return new Topic.Deduplicated(node.path("messageId").asText(), node.path("sequenceNumber").asText(),
                node.path("expiresAt").asLong());
    }

    static byte[] deliveryKey(long number) {
        return ByteBuffer.allocate(8).putLong(number).array();
    }

    static byte[] encode(Delivery d) {
        ObjectNode node = Json.MAPPER.createObjectNode().put("subscriptionArn", d.subscriptionArn())
                .put("protocol", d.protocol()).put("endpoint", d.endpoint()).put("type", d.type())
                .put("messageId", d.messageId()).put("topicArn", d.topicArn());
        putIfPresent(node, "subject", d.subject());
        node.put("body", d.body());
        ObjectNode attributes = node.putObject("attributes");
        d.attributes().forEach((name, a) -> {
            ObjectNode v = attributes.putObject(name).put("DataType", a.dataType());
            if (a.binaryValue() != null) {
                v.put("BinaryValue", Base64.getEncoder().encodeToString(a.binaryValue()));
            } else {
                v.put("StringValue", a.stringValue());
            }
        });
        putIfPresent(node, "groupId", d.groupId());
        putIfPresent(node, "dedupId", d.dedupId());
        putIfPresent(node, "dlq", d.deadLetterTargetArn());
        node.put("raw", d.raw());
        putIfPresent(node, "policy", d.policy());
        return Json.bytes(node);
    }

    static Delivery decodeDelivery(byte[] key, byte[] value) {
        ObjectNode node = Json.read(value);
        Map<String, MessageAttribute> attributes = new LinkedHashMap<>();
        node.path("attributes").properties().forEach(e -> {
            ObjectNode v = (ObjectNode) e.getValue();
            attributes.put(e.getKey(), new MessageAttribute(v.path("DataType").asText(),
                    v.has("StringValue") ? v.get("StringValue").asText() : null,
                    v.has("BinaryValue") ? Base64.getDecoder().decode(v.get("BinaryValue").asText()) : null));
        });
        return new Delivery(ByteBuffer.wrap(key).getLong(), node.path("subscriptionArn").asText(),
                node.path("protocol").asText("sqs"),
                node.has("endpoint") ? node.get("endpoint").asText() : node.path("queueArn").asText(),
                node.path("type").asText(Envelope.NOTIFICATION), node.path("messageId").asText(""),
                node.path("topicArn").asText(""), optional(node, "subject"), node.path("body").asText(), attributes,
                optional(node, "groupId"), optional(node, "dedupId"), optional(node, "dlq"),
                node.path("raw").asBoolean(false), optional(node, "policy"));
    }

    static byte[] encode(Topic t) {
        ObjectNode node = Json.MAPPER.createObjectNode().put("owner", t.owner);
        ObjectNode attributes = node.putObject("attributes");
        t.attributes.forEach(attributes::put);
        ObjectNode tags = node.putObject("tags");
        t.tags.forEach(tags::put);
        putIfPresent(node, "dataProtectionPolicy", t.dataProtectionPolicy);
        node.put("subscriptionsDeleted", t.subscriptionsDeleted);
        return Json.bytes(node);
    }

    static Topic decodeTopic(byte[] key, byte[] value) {
        ObjectNode node = Json.read(value);
        Topic topic = new Topic(text(key), node.path("owner").asText(), strings(node, "attributes"),
                strings(node, "tags"), optional(node, "dataProtectionPolicy"));
        topic.subscriptionsDeleted = node.path("subscriptionsDeleted").asLong();
        return topic;
    }

    static byte[] encode(Subscription s) {
        ObjectNode node = Json.MAPPER.createObjectNode().put("topicArn", s.topicArn()).put("owner", s.owner())
                .put("protocol", s.protocol()).put("endpoint", s.endpoint()).put("confirmed", s.confirmed());
        ObjectNode attributes = node.putObject("attributes");
        s.attributes().forEach(attributes::put);
        putIfPresent(node, "token", s.token());
        return Json.bytes(node);
    }

    static Subscription decodeSubscription(byte[] key, byte[] value) {
        ObjectNode node = Json.read(value);
        return Subscription.of(text(key), node.path("topicArn").asText(), node.path("owner").asText(),
                node.path("protocol").asText(), node.path("endpoint").asText(), strings(node, "attributes"),
                node.path("confirmed").asBoolean(), optional(node, "token"));
    }

    static Map<String, String> strings(ObjectNode node, String field) {
        Map<String, String> map = new LinkedHashMap<>();
        node.path(field).properties().forEach(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }

    static String optional(ObjectNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
