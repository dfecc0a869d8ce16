package io.wharf.it.kinesis;

import io.wharf.testkit.Clients;
import io.wharf.testkit.WharfServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code --kinesis-enforce-limits} through the SDK's sync client (no retries, so throttling shows): per-shard
 * write limits with PutRecords' partial failures over CBOR and JSON, PutRecord's and GetRecords'
 * ProvisionedThroughputExceededException with AWS's text.
 */
class KinesisLimitsIT {
    @RegisterExtension
    static final WharfServerExtension WHARF = WharfServerExtension.builder()
            .configure(c -> c.kinesisTransitionMillis(0).kinesisEnforceLimits(true)).build();

    private static final String SHARD0 = "shardId-000000000000";
    private static final String LAST_HASH_KEY = BigInteger.TWO.pow(128).subtract(BigInteger.ONE).toString();
    private static KinesisClient cbor;
    private static KinesisClient json;

    @BeforeAll
    static void clients() {
        cbor = Clients.kinesis(WHARF.endpoint());
        json = Clients.kinesisJson(WHARF.endpoint());
    }

    @AfterAll
    static void close() {
        cbor.close();
        json.close();
    }

    private static String stream(int shards) {
        String name = "limits-" + UUID.randomUUID().toString().substring(0, 8);
        cbor.createStream(r -> r.streamName(name).shardCount(shards));
        return name;
    }

    private static String rateExceeded(String stream) {
        return "Rate exceeded for shard " + SHARD0 + " in stream " + stream + " under account 000000000000.";
    }

    /** An entry of {@code bytes} bytes of data, routed by {@code hashKey}. */
    private static PutRecordsRequestEntry entry(int bytes, String hashKey) {
        return PutRecordsRequestEntry.builder().data(SdkBytes.fromByteArray(new byte[bytes])).partitionKey("k")
                .explicitHashKey(hashKey).build();
    }

    @Test
    void putRecordsFailsOnlyTheEntriesOverTheShardsBudgetOverCbor() {
        putRecordsFailsOnlyTheEntriesOverTheShardsBudget(cbor);
    }

    @Test
    void putRecordsFailsOnlyTheEntriesOverTheShardsBudgetOverJson() {
        putRecordsFailsOnlyTheEntriesOverTheShardsBudget(json);
    }

    private static void putRecordsFailsOnlyTheEntriesOverTheShardsBudget(KinesisClient kinesis) {
        String name = stream(2);
        int kib400 = 400 * 1024;
        // 4 x 400 KiB for shard 0 (1 MiB/s), one small entry for shard 1 in the middle
        PutRecordsResponse response = kinesis.putRecords(r -> r.streamName(name).records(entry(kib400, "0"),
                entry(kib400, "0"), entry(10, LAST_HASH_KEY), entry(kib400, "0"), entry(kib400, "0")));
        assertThat(response.failedRecordCount()).isEqualTo(2);
        List<PutRecordsResultEntry> results = response.records();
        assertThat(results).extracting(PutRecordsResultEntry::shardId)
                .containsExactly(SHARD0, SHARD0, "shardId-000000000001", null, null);
        assertThat(results.subList(0, 3)).allSatisfy(e -> {
            assertThat(e.sequenceNumber()).hasSize(56);
            assertThat(e.errorCode()).isNull();
        });
        assertThat(results.subList(3, 5)).allSatisfy(e -> {
            assertThat(e.errorCode()).isEqualTo("ProvisionedThroughputExceededException");
            assertThat(e.errorMessage()).isEqualTo(rateExceeded(name));
            assertThat(e.sequenceNumber()).isNull();
        });

        // PutRecord of a whole MiB needs the whole budget, which takes most of a second to come back
        assertThatThrownBy(() -> kinesis.putRecord(r -> r.streamName(name).partitionKey("k").explicitHashKey("0")
                .data(SdkBytes.fromByteArray(new byte[1024 * 1024 - 1]))))
                .isInstanceOfSatisfying(ProvisionedThroughputExceededException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(rateExceeded(name));
                });
        // the refused entries were not written: shard 0 holds the two accepted ones
        String iterator = kinesis.getShardIterator(r -> r.streamName(name).shardId(SHARD0)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        assertThat(kinesis.getRecords(r -> r.shardIterator(iterator)).records()).hasSize(2);
    }

    @Test
    void aShardTakesAThousandRecordsASecond() {
        String name = stream(1);
        List<PutRecordsRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            entries.add(entry(1, null).toBuilder().partitionKey("k" + i).explicitHashKey(null).build());
        }
        long start = System.nanoTime();
        int accepted = 0;
        int failed = 0;
        for (int call = 0; call < 3; call++) {
            PutRecordsResponse response = cbor.putRecords(r -> r.streamName(name).records(entries));
            accepted += 500 - response.failedRecordCount();
            failed += response.failedRecordCount();
        }
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(failed).as("1,500 records in %d ms", elapsedMillis).isPositive();
        assertThat(accepted).isBetween(1_000, 1_000 + (int) elapsedMillis + 1);
    }

    @Test
    void getRecordsAnswersFiveCallsASecondPerShard() {
        String name = stream(1);
        cbor.putRecord(r -> r.streamName(name).partitionKey("k").data(SdkBytes.fromUtf8String("x")));
        String iterator = cbor.getShardIterator(r -> r.streamName(name).shardId(SHARD0)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        int answered = 0;
        ProvisionedThroughputExceededException refused = null;
        for (int call = 0; call < 50 && refused == null; call++) {
            String current = iterator;
            try {
                GetRecordsResponse page = cbor.getRecords(r -> r.shardIterator(current));
                iterator = page.nextShardIterator();
                answered++;
            } catch (ProvisionedThroughputExceededException e) {
                refused = e;
            }
        }
        assertThat(refused).as("a GetRecords call refused within 50 quick calls").isNotNull();
        assertThat(answered).isGreaterThanOrEqualTo(5);
        assertThat(refused.awsErrorDetails().errorMessage()).isEqualTo(rateExceeded(name));
    }
}
