package io.wharf.sqs.engine;

import io.wharf.storage.MemoryStore;
import io.wharf.storage.crypto.MasterKey;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReceiptHandleTest {
    private static final byte[] SECRET = new byte[32];

    static {
        Arrays.fill(SECRET, (byte) 7);
    }

    private final ReceiptHandle.Codec codec = new ReceiptHandle.Codec(SECRET);

    @Test
    void roundTripsAndIsOpaque() {
        ReceiptHandle handle = new ReceiptHandle(1_700_000_000_123L, 1_700_000_000_456L, 3);
        String text = codec.encode(handle);
        assertThat(codec.parse(text)).isEqualTo(handle);
        byte[] bytes = Base64.getUrlDecoder().decode(text);
        assertThat(bytes[0]).isEqualTo((byte) 2);
        // none of the three numbers (two of them times in practice) appears in the handle, at any offset
        for (byte[] plain : new byte[][] {longBytes(handle.queueNumber()), longBytes(handle.ordinal())}) {
            assertThat(indexOf(bytes, Arrays.copyOfRange(plain, 2, 8))).isEqualTo(-1);
        }
        assertThat(text).hasSizeLessThanOrEqualTo(100);
    }

    @Test
    void eachReceiveGetsItsOwnUnrelatedHandle() {
        Set<String> prefixes = new HashSet<>();
        for (int receive = 1; receive <= 50; receive++) {
            String text = codec.encode(new ReceiptHandle(5, 9, receive));
            prefixes.add(text.substring(0, 12));
        }
        assertThat(prefixes).hasSize(50); // a counter in the clear would share a prefix
        assertThat(codec.encode(new ReceiptHandle(5, 9, 1))).isEqualTo(codec.encode(new ReceiptHandle(5, 9, 1)));
    }

    @Test
    void anyChangedBitIsRefused() {
        String text = codec.encode(new ReceiptHandle(42, 43, 1));
        byte[] bytes = Base64.getUrlDecoder().decode(text);
        for (int i = 0; i < bytes.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] tampered = bytes.clone();
                tampered[i] ^= (byte) (1 << bit);
                assertThat(codec.parse(Base64.getUrlEncoder().withoutPadding().encodeToString(tampered)))
                        .as("byte %d bit %d", i, bit).isNull();
            }
        }
        assertThat(codec.parse(text.substring(0, text.length() - 1))).isNull();
        assertThat(codec.parse(text + "A")).isNull();
    }

    @Test
    void anotherSecretsHandlesAndGarbageAreRefused() {
        byte[] other = SECRET.clone();
        other[0] = 8;
        String foreign = new ReceiptHandle.Codec(other).encode(new ReceiptHandle(42, 43, 1));
        assertThat(codec.parse(foreign)).isNull();
        assertThat(codec.parse("garbage")).isNull();
        assertThat(codec.parse("")).isNull();
        assertThat(codec.parse(null)).isNull();
        assertThat(codec.parse("%%%")).isNull();
        assertThat(codec.parse("A".repeat(101))).isNull();
    }

    @Test
    void versionOneHandlesFromBeforeTheUpgradeStillOpen() throws Exception {
        ByteBuffer body = ByteBuffer.allocate(1 + 8 + 8 + 4).put((byte) 1).putLong(42).putLong(43).putInt(2);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
        byte[] tag = Arrays.copyOf(mac.doFinal(body.array()), 16);
        byte[] legacy = ByteBuffer.allocate(body.capacity() + 16).put(body.array()).put(tag).array();
        String text = Base64.getUrlEncoder().withoutPadding().encodeToString(legacy);
        assertThat(codec.parse(text)).isEqualTo(new ReceiptHandle(42, 43, 2));
        legacy[5] ^= 1;
        assertThat(codec.parse(Base64.getUrlEncoder().withoutPadding().encodeToString(legacy))).isNull();
    }

    @Test
    void theSecretIsStoredWrappedAndAPlainOneIsMigrated() {
        MemoryStore store = new MemoryStore();
        SqsStoreLayout layout = new SqsStoreLayout(store);
        byte[] plain = SECRET.clone();
        store.commit(new io.wharf.storage.WriteBatch().put(layout.meta, bytes("receipt-secret"), plain));
        MasterKey master = MasterKey.of(new byte[32]);

        assertThat(Recovery.receiptSecret(store, layout, master)).isEqualTo(plain);

        assertThat(store.get(layout.meta, bytes("receipt-secret"))).isNull();
        byte[] wrapped = store.get(layout.meta, bytes("receipt-secret-wrapped"));
        assertThat(indexOf(wrapped, plain)).isEqualTo(-1);
        assertThat(master.unwrap(wrapped, Recovery.SECRET_PURPOSE)).isEqualTo(plain);
        assertThat(Recovery.receiptSecret(store, layout, master)).isEqualTo(plain);
        MasterKey another = MasterKey.of(SECRET);
        assertThatThrownBy(() -> Recovery.receiptSecret(store, layout, another))
                .isInstanceOf(MasterKey.WrongKeyException.class);
    }

    @Test
    void handlesSurviveARestartOnTheSameStoreAndKey() {
        MemoryStore store = new MemoryStore();
        QueueId id = new QueueId("000000000000", "us-east-1", "q");
        String handle;
        try (SqsEngine engine = new SqsEngine(store, new io.wharf.testing.ManualClock(1_700_000_000_000L),
                SqsLimits.strict(), EngineFixture.MASTER_KEY)) {
            engine.createQueue(id, Map.of(), Map.of());
            engine.sendMessage(id, SendCommand.of("body"));
            handle = engine.receiveMessage(id, ReceiveCommand.of(1)).get(0).receiptHandle();
        }
        try (SqsEngine engine = new SqsEngine(store, new io.wharf.testing.ManualClock(1_700_000_000_000L),
                SqsLimits.strict(), EngineFixture.MASTER_KEY)) {
            engine.deleteMessage(id, handle);
            assertThat(engine.getQueueAttributes(id, java.util.List.of("ApproximateNumberOfMessagesNotVisible")))
                    .containsEntry("ApproximateNumberOfMessagesNotVisible", "0");
        }
    }

    @Test
    void aQueueCreatedAgainUnderTheSameNameRefusesTheOldQueuesHandles() {
        MemoryStore store = new MemoryStore();
        QueueId id = new QueueId("000000000000", "us-east-1", "again");
        try (SqsEngine engine = new SqsEngine(store, new io.wharf.testing.ManualClock(1_700_000_000_000L),
                SqsLimits.relaxed(), EngineFixture.MASTER_KEY)) {
            engine.createQueue(id, Map.of(), Map.of());
            engine.sendMessage(id, SendCommand.of("old"));
            String handle = engine.receiveMessage(id, ReceiveCommand.of(1)).get(0).receiptHandle();
            engine.deleteQueue(id);
            engine.createQueue(id, Map.of(), Map.of());
            assertThatThrownBy(() -> engine.deleteMessage(id, handle))
                    .hasMessage("The receipt handle \"" + handle + "\" isn't valid for this queue.");
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] longBytes(long value) {
        return ByteBuffer.allocate(8).putLong(value).array();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }
}
