package io.wharf.sqs.engine;

import io.wharf.protocol.AwsException;
import io.wharf.protocol.crypto.DataKeyRing;
import io.wharf.protocol.crypto.FakeDataKeys;
import io.wharf.protocol.crypto.KmsFailure;
import io.wharf.storage.crypto.MasterKey;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Message contents at rest: sealed under KMS data keys (KmsMasterKeyId) or Wharf-managed ones (SSE-SQS, the
 * default), opened again after a restart, plain when encryption is off; a refused key is SQS's KMS error.
 */
class EncryptionTest extends EngineFixture {
    private static final String MARKER = "marker-6c1f0e";
    private static final Map<String, MessageAttributeValue> ATTRIBUTES =
            Map.of("a", MessageAttributeValue.string("String", "attr-" + MARKER));

    private final FakeDataKeys kms = new FakeDataKeys();
    private static final MasterKey master = MasterKey.of(new byte[32]);

    {
        engine.close();
        engine = restarted();
    }

    private SqsEngine restarted() {
        return new SqsEngine(store, clock, SqsLimits.strict().withContentMemoryBytes(0), kms, master);
    }

    private void restart() {
        engine.close();
        engine = restarted();
    }

    private void sendMarker(QueueId q) {
        engine.sendMessage(q, new SendCommand("body-" + MARKER, null, ATTRIBUTES, Map.of(), null, null, null));
    }

    private ReceivedMessage receiveOne(QueueId q) {
        List<ReceivedMessage> got = engine.receiveMessage(q, new ReceiveCommand(1, null, 0, Set.of("All"),
                List.of("All"), null));
        assertThat(got).hasSize(1);
        return got.get(0);
    }

    private List<byte[]> bodies() {
        List<byte[]> values = new ArrayList<>();
        store.scan(store.keySpace("sqs.bodies"), new byte[0], (k, v) -> values.add(v));
        return values;
    }

    private boolean markerStored() {
        for (String space : List.of("sqs.bodies", "sqs.messages", "sqs.datakeys", "sqs.queues", "sqs.dedup")) {
            boolean[] found = {false};
            store.scan(store.keySpace(space), new byte[0],
                    (k, v) -> found[0] |= new String(v, StandardCharsets.ISO_8859_1).contains(MARKER));
            if (found[0]) {
                return true;
            }
        }
        return false;
    }

    @Test
    void kmsQueuesSealContentsAndReadThemAfterARestart() {
        kms.create("k1");
        QueueId q = create("q", Map.of("KmsMasterKeyId", "k1", "KmsDataKeyReusePeriodSeconds", "60"));
        sendMarker(q);
        sendMarker(q);

        assertThat(bodies()).hasSize(2).allMatch(DataKeyRing::isSealed);
        assertThat(markerStored()).isFalse();
        assertThat(kms.generated).hasValue(1); // one data key for both messages

        restart();
        ReceivedMessage m = receiveOne(q);
        assertThat(m.body()).isEqualTo("body-" + MARKER);
        assertThat(m.messageAttributes().get("a").stringValue()).isEqualTo("attr-" + MARKER);
        assertThat(kms.decrypted).hasValue(1);
        assertThat(receiveOne(q).body()).isEqualTo("body-" + MARKER);
        assertThat(kms.decrypted).hasValue(1); // the opened data key is reused too
    }

    @Test
    void aNewDataKeyAfterTheReusePeriod() {
        kms.create("k1");
        QueueId q = create("q", Map.of("KmsMasterKeyId", "k1", "KmsDataKeyReusePeriodSeconds", "60"));
        sendMarker(q);
        clock.advanceSeconds(59);
        sendMarker(q);
        assertThat(kms.generated).hasValue(1);
        clock.advanceSeconds(1);
        sendMarker(q);
        assertThat(kms.generated).hasValue(2);
    }

    @Test
    void sseSqsIsTheDefaultAndNeedsNoKms() {
        QueueId q = create("q");
        assertThat(attribute(q, "SqsManagedSseEnabled")).isEqualTo("true");
        sendMarker(q);
        assertThat(bodies()).allMatch(DataKeyRing::isSealed);
        assertThat(markerStored()).isFalse();
        assertThat(kms.generated).hasValue(0);
        restart();
        assertThat(receiveOne(q).body()).isEqualTo("body-" + MARKER);
    }

    @Test
    void withEncryptionOffTheMarkerIsStoredInPlain() {
        QueueId q = create("q", Map.of("SqsManagedSseEnabled", "false"));
        sendMarker(q);
        assertThat(bodies()).noneMatch(DataKeyRing::isSealed);
        assertThat(markerStored()).isTrue();
    }

    @Test
    void messagesWrittenBeforeEncryptionWasTurnedOnAreStillRead() {
        QueueId q = create("q", Map.of("SqsManagedSseEnabled", "false"));
        sendMarker(q);
        kms.create("k1");
        engine.setQueueAttributes(q, Map.of("KmsMasterKeyId", "k1"));
        assertThat(attribute(q, "SqsManagedSseEnabled")).isEqualTo("false");
        sendMarker(q);
        assertThat(bodies()).hasSize(2).filteredOn(DataKeyRing::isSealed).hasSize(1);
        restart();
        assertThat(receiveOne(q).body()).isEqualTo("body-" + MARKER);
        assertThat(receiveOne(q).body()).isEqualTo("body-" + MARKER);
    }

    @Test
    void aDisabledKeyFailsSendsAndReadsWithSqsErrorsAndChangesNothing() {
        kms.create("k1");
        QueueId q = create("q", Map.of("KmsMasterKeyId", "k1"));
        sendMarker(q);
        kms.refuse("k1", KmsFailure.Kind.DISABLED);
        restart(); // forgets the cached data keys

        AwsException send = error(() -> sendMarker(q));
        assertThat(send.type()).isEqualTo("KmsDisabled");
        assertThat(send.code()).isEqualTo("KMS.DisabledException");
        assertThat(send.httpStatus()).isEqualTo(400);
        AwsException receive = error(() -> receiveOne(q));
        assertThat(receive.type()).isEqualTo("KmsDisabled");
        assertThat(attribute(q, "ApproximateNumberOfMessages")).isEqualTo("1");

        kms.refuse("k1", null);
        assertThat(receiveOne(q).body()).isEqualTo("body-" + MARKER);
        sendMarker(q);
    }

    @Test
    void aMissingKeyIsKmsNotFound() {
        QueueId q = create("q", Map.of("KmsMasterKeyId", "alias/nope"));
        AwsException e = error(() -> sendMarker(q));
        assertThat(e.type()).isEqualTo("KmsNotFound");
        assertThat(e.code()).isEqualTo("KMS.NotFoundException");
    }

    @Test
    void turningSseSqsOnRemovesTheKmsKey() {
        kms.create("k1");
        QueueId q = create("q", Map.of("KmsMasterKeyId", "k1"));
        assertThat(attribute(q, "KmsDataKeyReusePeriodSeconds")).isEqualTo("300");
        engine.setQueueAttributes(q, Map.of("SqsManagedSseEnabled", "true"));
        assertThat(attribute(q, "KmsMasterKeyId")).isNull();
        assertThat(attribute(q, "SqsManagedSseEnabled")).isEqualTo("true");
    }

    @Test
    void deadLetteredMessagesAreSealedUnderTheTargetsKey() {
        kms.create("k1");
        QueueId dlq = create("dlq", Map.of("KmsMasterKeyId", "k1"));
        QueueId q = create("q", Map.of("SqsManagedSseEnabled", "false", "RedrivePolicy",
                "{\"deadLetterTargetArn\":\"" + dlq.arn() + "\",\"maxReceiveCount\":\"1\"}", "VisibilityTimeout", "0"));
        sendMarker(q);
        receiveOne(q);
        assertThat(receive(q, 1)).isEmpty(); // moved
        assertThat(bodies()).hasSize(1).allMatch(DataKeyRing::isSealed);
        assertThat(receiveOne(dlq).body()).isEqualTo("body-" + MARKER);
    }
}
