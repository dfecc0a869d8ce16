package io.wharf.kinesis.engine;

import io.wharf.kinesis.KinesisSettings;
import io.wharf.protocol.AwsException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Per-shard throughput with enforcement on, on a manual clock: every answer is exact. */
class ThroughputLimitsTest extends EngineFixture {
    private static final String SHARD0 = "shardId-000000000000";
    private static final String SHARD1 = "shardId-000000000001";
    private static final String RATE_EXCEEDED = "Rate exceeded for shard shardId-000000000000 in stream %s under "
            + "account 123456789012.";

    @Override
    KinesisSettings settings() {
        return SETTINGS.withEnforceLimits(true);
    }

    /** {@code count} entries of {@code bytes} bytes (data + the one-character key) all for shard 0 of 2. */
    private static List<Views.PutEntry> entries(int count, int bytes) {
        List<Views.PutEntry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            entries.add(new Views.PutEntry(new byte[bytes - 1], "k", "0"));
        }
        return entries;
    }

    private Views.PutOutcome putAll(StreamRef ref, List<Views.PutEntry> entries) {
        return engine.records().put(ref, entries, "records.%d.member.data");
    }

    @Test
    void aShardTakesOneThousandRecordsASecond() {
        StreamRef ref = activeStream("records", 2);
        assertThat(putAll(ref, entries(500, 10)).failed()).isZero();
        Views.PutOutcome second = putAll(ref, entries(500, 10));
        assertThat(second.failed()).isZero();
        Views.PutOutcome third = putAll(ref, entries(500, 10));
        assertThat(third.failed()).isEqualTo(500);
        assertThat(third.results()).allSatisfy(r -> {
            assertThat(r.errorCode()).isEqualTo("ProvisionedThroughputExceededException");
            assertThat(r.errorMessage()).isEqualTo(RATE_EXCEEDED.formatted("records"));
            assertThat(r.sequenceNumber()).isNull();
        });
        // the other shard has its own budget
        assertThat(putAt(ref, HashKeys.MAX.toString(), "elsewhere").shardId()).isEqualTo(SHARD1);
        // a quarter of a second refills a quarter of the budget
        clock.advance(Duration.ofMillis(250));
        assertThat(putAll(ref, entries(300, 10)).failed()).isEqualTo(50);
        // refused entries were never written
        assertThat(readAll(iterator(ref, SHARD0, "TRIM_HORIZON"))).hasSize(1250);
    }

    @Test
    void aShardTakesOneMebibyteASecondAndFailsEntriesOneByOne() {
        StreamRef ref = activeStream("bytes", 2);
        List<Views.PutEntry> mixed = new ArrayList<>(entries(3, 400 * 1024)); // 1200 KiB for shard 0
        mixed.add(1, new Views.PutEntry(new byte[100], "k", HashKeys.MAX.toString())); // shard 1
        Views.PutOutcome outcome = putAll(ref, mixed);
        assertThat(outcome.failed()).isEqualTo(1);
        assertThat(outcome.results()).extracting(Views.PutResult::shardId)
                .containsExactly(SHARD0, SHARD1, SHARD0, null);
        assertThat(outcome.results().get(3).errorMessage()).isEqualTo(RATE_EXCEEDED.formatted("bytes"));
        // 224 KiB left: a 200 KiB record fits, the next does not
        assertThat(putAll(ref, entries(1, 200 * 1024)).failed()).isZero();
        assertThat(putAll(ref, entries(1, 200 * 1024)).failed()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(putAll(ref, entries(1, 1024 * 1024)).failed()).isZero();
    }

    @Test
    void aRecordAboveOneMebibyteNeedsAFullBudgetAndLeavesTheShardInDebt() {
        StreamRef ref = activeStream("large", 1);
        engine.updateMaxRecordSize(ref, 3 * 1024);
        assertThat(putAll(ref, entries(1, 3 * 1024 * 1024)).failed()).isZero(); // 1 MiB budget - 3 MiB
        clock.advance(Duration.ofMillis(1_500));
        assertThat(putAll(ref, entries(1, 10)).failed()).as("still 0.5 MiB in debt").isEqualTo(1);
        clock.advance(Duration.ofMillis(600));
        assertThat(putAll(ref, entries(1, 10)).failed()).isZero();
    }

    @Test
    void putRecordAnswersTheExceptionWithAwsText() {
        StreamRef ref = activeStream("single", 1);
        assertThat(putAll(ref, entries(1, 1024 * 1024)).failed()).isZero();
        Views.PutOutcome outcome = engine.records().put(ref, List.of(new Views.PutEntry(new byte[10], "k", null)), "data");
        assertThat(outcome.failed()).isEqualTo(1);
        assertThat(outcome.results().get(0).errorMessage()).isEqualTo(RATE_EXCEEDED.formatted("single"));
    }

    @Test
    void getRecordsAnswersFiveCallsASecondPerShard() {
        StreamRef ref = activeStream("reads", 2);
        put(ref, "k", "x");
        String iterator = iterator(ref, SHARD0, "TRIM_HORIZON");
        for (int i = 0; i < 5; i++) {
            iterator = engine.records().get(iterator, 10).nextShardIterator();
        }
        String sixth = iterator;
        assertThatThrownBy(() -> engine.records().get(sixth, 10))
                .matches(e -> ((AwsException) e).type().equals("ProvisionedThroughputExceededException"))
                .hasMessage(RATE_EXCEEDED.formatted("reads"));
        // the other shard is not affected, nor are subscriptions
        engine.records().get(iterator(ref, SHARD1, "TRIM_HORIZON"), 10);
        assertThat(engine.records().readForSubscription(sixth, 10).records()).isEmpty();
        clock.advance(Duration.ofMillis(200));
        assertThat(engine.records().get(sixth, 10).records()).isEmpty();
        assertThatThrownBy(() -> engine.records().get(sixth, 10)).isInstanceOf(AwsException.class);
    }

    @Test
    void aLargeReadStopsReadsUntilTheBudgetRecovers() {
        StreamRef ref = activeStream("bigread", 1);
        engine.updateMaxRecordSize(ref, 10 * 1024);
        for (int i = 0; i < 3; i++) { // 9 MiB, paced as the write limit wants
            assertThat(putAll(ref, entries(1, 3 * 1024 * 1024)).failed()).isZero();
            clock.advance(Duration.ofSeconds(3));
        }
        Views.RecordsPage page = engine.records().get(iterator(ref, SHARD0, "TRIM_HORIZON"), 10_000);
        assertThat(page.records()).hasSize(3); // 9 MiB: 7 MiB of debt, 3.5 s to repay
        String next = page.nextShardIterator();
        clock.advance(Duration.ofMillis(3_400));
        assertThatThrownBy(() -> engine.records().get(next, 10))
                .extracting(e -> ((AwsException) e).type()).isEqualTo("ProvisionedThroughputExceededException");
        clock.advance(Duration.ofMillis(200));
        assertThat(engine.records().get(next, 10).records()).isEmpty();
    }

    @Test
    void withoutEnforcementNothingIsRefused() {
        engine.close();
        engine = new KinesisEngine(store, clock, SETTINGS, MASTER_KEY);
        StreamRef ref = activeStream("free", 1);
        for (int i = 0; i < 4; i++) {
            assertThat(putAll(ref, entries(500, 10)).failed()).isZero();
        }
        String iterator = iterator(ref, SHARD0, "TRIM_HORIZON");
        for (int i = 0; i < 20; i++) {
            iterator = engine.records().get(iterator, 1).nextShardIterator();
        }
    }
}
