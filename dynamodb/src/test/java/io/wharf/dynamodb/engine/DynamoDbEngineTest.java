package io.wharf.dynamodb.engine;

import io.wharf.dynamodb.expr.Condition;
import io.wharf.dynamodb.item.AttributeValue;
import io.wharf.protocol.AwsException;
import io.wharf.storage.MemoryStore;
import io.wharf.storage.Store;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DynamoDbEngineTest {
    private final Store store = new MemoryStore();
    private final MutableClock clock = new MutableClock();
    private final DynamoDbEngine engine = new DynamoDbEngine(store, clock, Duration.ofSeconds(2));
    private final Items items = new Items(engine);
    private final Reads reads = new Reads(engine);

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static AttributeValue s(String v) {
        return new AttributeValue.S(v);
    }

    private static AttributeValue n(String v) {
        return AttributeValue.number(v);
    }

    private void create(String name, String sortType) {
        List<NewTable.KeyElement> keys = sortType == null ? List.of(new NewTable.KeyElement("pk", "HASH"))
                : List.of(new NewTable.KeyElement("pk", "HASH"), new NewTable.KeyElement("sk", "RANGE"));
        Map<String, String> definitions = sortType == null ? Map.of("pk", "S") : Map.of("pk", "S", "sk", sortType);
        engine.create("a", "r", new NewTable(name, keys, definitions, List.of(), List.of(), "PAY_PER_REQUEST", null, null,
                null, null, null, null, null, Map.of(), false, null));
    }

    @Test
    void tablesBecomeActiveByTheClock() {
        create("table1", null);
        assertThat(engine.describe("a", "r", "table1").status()).isEqualTo("CREATING");
        clock.now = clock.now.plusSeconds(2);
        assertThat(engine.describe("a", "r", "table1").status()).isEqualTo("ACTIVE");
    }

    @Test
    void sortKeysFollowAwsOrder() {
        create("nums", "N");
        for (String v : List.of("10", "-2", "2", "1.5", "100")) {
            items.put("a", "r", "nums", Map.of("pk", s("p"), "sk", n(v)), null, false);
        }
        var page = reads.scan("a", "r", new Reads.Request("nums", null, null, null, null, null, null), null, null);
        assertThat(page.items()).extracting(i -> ((AttributeValue.N) i.get("sk")).text())
                .containsExactly("-2", "1.5", "2", "10", "100");
    }

    @Test
    void segmentsPartitionTheTable() {
        create("seg", null);
        for (int i = 0; i < 200; i++) {
            items.put("a", "r", "seg", Map.of("pk", s("k" + i)), null, false);
        }
        Set<AttributeValue> seen = new HashSet<>();
        int total = 0;
        for (int segment = 0; segment < 7; segment++) {
            var page = reads.scan("a", "r", new Reads.Request("seg", null, null, null, null, null, null), segment, 7);
            total += page.items().size();
            page.items().forEach(i -> seen.add(i.get("pk")));
        }
        assertThat(total).isEqualTo(200);
        assertThat(seen).hasSize(200);
    }

    @Test
    void aFailedTransactionChangesNothingAndSurvivesNothingOnRecovery() {
        create("txtable", null);
        items.put("a", "r", "txtable", Map.of("pk", s("guard")), null, false);
        Condition never = item -> false;
        List<Items.TransactAction> actions = new ArrayList<>();
        actions.add(new Items.TransactAction("txtable", Map.of("pk", s("new")), null, null, false, null, false));
        actions.add(new Items.TransactAction("txtable", null, Map.of("pk", s("guard")), null, false, never, false));
        assertThatThrownBy(() -> items.transactWrite("a", "r", actions, null, "x")).isInstanceOf(AwsException.class)
                .hasMessage("Transaction cancelled, please refer cancellation reasons for specific reasons "
                        + "[None, ConditionalCheckFailed]");
        assertThat(items.get("a", "r", "txtable", Map.of("pk", s("new")), null)).isNull();

        DynamoDbEngine reopened = new DynamoDbEngine(store, clock, Duration.ZERO);
        assertThat(new Items(reopened).get("a", "r", "txtable", Map.of("pk", s("guard")), null)).isNotNull();
        assertThat(new Items(reopened).get("a", "r", "txtable", Map.of("pk", s("new")), null)).isNull();
    }
}
