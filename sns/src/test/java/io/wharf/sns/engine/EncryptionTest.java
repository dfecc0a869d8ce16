package io.wharf.sns.engine;

import io.wharf.protocol.AwsException;
import io.wharf.protocol.crypto.DataKeyRing;
import io.wharf.protocol.crypto.FakeDataKeys;
import io.wharf.protocol.crypto.KmsFailure;
import io.wharf.sns.DeliveryTargets;
import io.wharf.sns.SmtpSettings;
import io.wharf.sns.SqsDelivery;
import io.wharf.storage.MemoryStore;
import io.wharf.storage.Store;
import io.wharf.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Outbox entries of a topic with a KmsMasterKeyId are sealed under data keys of that key: the message is in no
 * stored value, still delivered after a restart, and a refused key fails Publish with SNS's KMS error.
 */
class EncryptionTest {
    private static final String MARKER = "marker-5e9a41";
    private static final String QUEUE = "arn:aws:sqs:us-east-1:000000000000:q";
    private static final SnsLimits SLOW = new SnsLimits(100, 262_144, 10, 200, 1, 1_000, Duration.ofHours(1),
            Duration.ofHours(1), Duration.ofMinutes(5));

    private final Store store = new MemoryStore();
    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
    private final FakeDataKeys kms = new FakeDataKeys();
    private final List<String> delivered = new CopyOnWriteArrayList<>();
    private SnsEngine engine;

    @AfterEach
    void close() {
        engine.close();
    }

    private void start(SqsDelivery delivery) {
        if (engine != null) {
            engine.close();
        }
        engine = new SnsEngine(store, clock, delivery, SLOW, SmtpSettings.NONE, DeliveryTargets.ALLOW_ALL,
                io.wharf.storage.crypto.MasterKey.of(new byte[32]), kms);
    }

    private static final SqsDelivery DOWN = (q, b, a, g, d) -> {
        throw new IllegalStateException("SQS is down");
    };

    private List<byte[]> outbox() {
        List<byte[]> values = new ArrayList<>();
        store.scan(store.keySpace("sns.outbox"), new byte[0], (k, v) -> values.add(v));
        return values;
    }

    private String topic(Map<String, String> attributes) {
        String topic = engine.createTopic("us-east-1", "000000000000", "t", attributes, Map.of(), null);
        engine.subscriptions().subscribe(topic, "sqs", QUEUE, Map.of("RawMessageDelivery", "true"), false);
        return topic;
    }

    private void awaitDelivered() throws InterruptedException {
        for (int i = 0; i < 500 && engine.pendingDeliveries() > 0; i++) {
            Thread.sleep(10);
        }
        assertThat(engine.pendingDeliveries()).isZero();
    }

    @Test
    void anEncryptedTopicsOutboxIsSealedAndDeliveredAfterARestart() throws Exception {
        kms.create("k1");
        start(DOWN); // the entry stays in the outbox, as after a crash right after the answer
        String topic = topic(Map.of("KmsMasterKeyId", "k1"));
        engine.publish(PublishCommand.of(topic, "body-" + MARKER));
        engine.publish(PublishCommand.of(topic, "body-" + MARKER));

        assertThat(outbox()).hasSize(2).allMatch(DataKeyRing::isSealed)
                .noneMatch(v -> new String(v, StandardCharsets.ISO_8859_1).contains(MARKER));
        assertThat(kms.generated).hasValue(1);

        start((q, body, a, g, d) -> delivered.add(body));
        awaitDelivered();
        assertThat(delivered).containsExactly("body-" + MARKER, "body-" + MARKER);
    }

    @Test
    void aTopicWithoutAKeyStoresItsOutboxPlain() {
        start(DOWN);
        String topic = topic(Map.of());
        engine.publish(PublishCommand.of(topic, "body-" + MARKER));
        assertThat(outbox()).hasSize(1)
                .allMatch(v -> new String(v, StandardCharsets.ISO_8859_1).contains(MARKER));
    }

    @Test
    void aRefusedKeyFailsPublishAndKeepsItsEntriesUntilItOpensAgain() throws Exception {
        kms.create("k1");
        start(DOWN);
        String topic = topic(Map.of("KmsMasterKeyId", "k1"));
        engine.publish(PublishCommand.of(topic, "kept"));
        kms.refuse("k1", KmsFailure.Kind.DISABLED);
        start((q, body, a, g, d) -> delivered.add(body)); // forgets cached data keys

        AwsException e = catchThrowableOfType(AwsException.class,
                () -> engine.publish(PublishCommand.of(topic, "refused")));
        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo("KMSDisabled");
        assertThat(outbox()).hasSize(1); // kept back, not delivered, not lost

        kms.refuse("k1", null);
        start((q, body, a, g, d) -> delivered.add(body));
        awaitDelivered();
        assertThat(delivered).containsExactly("kept");
        engine.publish(PublishCommand.of(topic, "after"));
        awaitDelivered();
        assertThat(delivered).containsExactly("kept", "after");
    }

    @Test
    void aMissingKeyIsKmsNotFound() {
        start(DOWN);
        String topic = topic(Map.of("KmsMasterKeyId", "alias/none"));
        AwsException e = catchThrowableOfType(AwsException.class,
                () -> engine.publish(PublishCommand.of(topic, "x")));
        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo("KMSNotFound");
    }
}
