package io.wharf.kinesis.engine;

import io.wharf.protocol.AwsException;
import io.wharf.storage.MemoryStore;
import io.wharf.storage.WriteBatch;
import io.wharf.storage.crypto.MasterKey;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Shard iterators: sealed, bound to their stream, five minutes long, their key stored wrapped. */
class ShardIteratorsTest extends EngineFixture {

    @Test
    void anIteratorReadsOnlyWithItsOwnStreamsArn() {
        StreamRef first = activeStream("first", 1);
        StreamRef second = activeStream("second", 1);
        put(first, "pk", "one's record");
        put(second, "pk", "two's record");
        String iterator = iterator(first, "shardId-000000000000", "TRIM_HORIZON");

        AwsException refused = catchThrowableOfType(AwsException.class,
                () -> engine.records().get(iterator, second.arn(), 10));
        assertThat(refused.type()).isEqualTo("InvalidArgumentException");
        assertThat(refused.getMessage()).isEqualTo("Invalid ShardIterator.");

        Views.RecordsPage own = engine.records().get(iterator, first.arn(), 10);
        assertThat(own.records()).extracting(r -> new String(r.data(), StandardCharsets.UTF_8))
                .containsExactly("one's record");
        // the same name in another account or region is another stream
        StreamRef elsewhere = new StreamRef("210987654321", REGION, "first");
        assertThatThrownBy(() -> engine.records().get(iterator, elsewhere.arn(), 10))
                .hasMessage("Invalid ShardIterator.");
    }

    @Test
    void tamperedOrForeignIteratorsAreInvalid() {
        StreamRef ref = activeStream("s", 1);
        String iterator = iterator(ref, "shardId-000000000000", "TRIM_HORIZON");
        byte[] bytes = Base64.getDecoder().decode(iterator);
        for (int i = 8; i < bytes.length; i++) {
            byte[] tampered = bytes.clone();
            tampered[i] ^= 0x01;
            String text = Base64.getEncoder().encodeToString(tampered);
            assertThatThrownBy(() -> engine.records().get(text, 10)).as("byte %d", i)
                    .hasMessage("Invalid ShardIterator.");
        }
        String foreign = new ShardIterators(new byte[32]).encode(new ShardIterators.Position(1, ACCOUNT, REGION, "s", 0,
                0, clock.millis()));
        assertThatThrownBy(() -> engine.records().get(foreign, 10)).hasMessage("Invalid ShardIterator.");
    }

    @Test
    void anIteratorExpiresAfterFiveMinutesAndNotBefore() {
        StreamRef ref = activeStream("s", 1);
        String iterator = iterator(ref, "shardId-000000000000", "TRIM_HORIZON");
        clock.advance(Duration.ofMillis(ShardIterators.LIFETIME_MILLIS));
        assertThat(engine.records().get(iterator, 10).records()).isEmpty();
        clock.advance(Duration.ofMillis(1));
        AwsException expired = catchThrowableOfType(AwsException.class, () -> engine.records().get(iterator, 10));
        assertThat(expired.type()).isEqualTo("ExpiredIteratorException");
    }

    @Test
    void theIteratorKeyIsStoredWrappedAndAPlainOneIsMigrated() {
        MemoryStore plainStore = new MemoryStore();
        KinesisStoreLayout layout = new KinesisStoreLayout(plainStore);
        byte[] plain = new byte[32];
        Arrays.fill(plain, (byte) 9);
        plainStore.commit(new WriteBatch().put(layout.meta, KinesisStoreLayout.PLAIN_ITERATOR_KEY, plain));

        assertThat(Recovery.iteratorKey(plainStore, layout, MASTER_KEY)).isEqualTo(plain);

        assertThat(plainStore.get(layout.meta, KinesisStoreLayout.PLAIN_ITERATOR_KEY)).isNull();
        byte[] wrapped = plainStore.get(layout.meta, KinesisStoreLayout.ITERATOR_KEY);
        assertThat(Arrays.equals(wrapped, 13, 13 + 32, plain, 0, 32)).isFalse();
        assertThat(MASTER_KEY.unwrap(wrapped, KinesisStoreLayout.ITERATOR_KEY_PURPOSE)).isEqualTo(plain);
        assertThatThrownBy(() -> Recovery.iteratorKey(plainStore, layout, MasterKey.of(plain)))
                .isInstanceOf(MasterKey.WrongKeyException.class);
    }

    @Test
    void iteratorsOfAStoreFromBeforeWrappingStillReadAfterTheUpgrade() {
        store = new MemoryStore();
        KinesisStoreLayout layout = new KinesisStoreLayout(store);
        byte[] plain = new byte[32];
        Arrays.fill(plain, (byte) 3);
        store.commit(new WriteBatch().put(layout.meta, KinesisStoreLayout.PLAIN_ITERATOR_KEY, plain));
        restart();
        StreamRef ref = activeStream("s", 1);
        put(ref, "pk", "kept");
        // what the old engine handed out: sealed under the plain key
        String old = new ShardIterators(plain).encode(new ShardIterators.Position(streamNumber(ref), ACCOUNT, REGION,
                "s", 0, 0, clock.millis()));
        restart();
        assertThat(readAll(old)).containsExactly("kept");
    }

    private long streamNumber(StreamRef ref) {
        return engine.byRef.get(ref).number;
    }
}
