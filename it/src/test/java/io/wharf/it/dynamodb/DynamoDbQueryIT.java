package io.wharf.it.dynamodb;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ComparisonOperator;
import software.amazon.awssdk.services.dynamodb.model.Condition;
import software.amazon.awssdk.services.dynamodb.model.CreateGlobalSecondaryIndexAction;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Select;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Query through the SDK: key conditions on the table and on indexes, order, paging, filters after Limit, Select. */
class DynamoDbQueryIT extends DynamoDbTestBase {

    private String numbersTable() {
        String table = table(ScalarAttributeType.N);
        for (String pk : List.of("a", "b")) {
            for (int i = 1; i <= 12; i++) {
                String sk = Integer.toString(i * (pk.equals("a") ? 1 : -1));
                ddb.putItem(r -> r.tableName(table).item(Map.of("pk", s(pk), "sk", n(sk), "even",
                        AttributeValue.fromBool(Integer.parseInt(sk) % 2 == 0),
                        "parity", s(Integer.parseInt(sk) % 2 == 0 ? "even" : "odd"))));
            }
        }
        return table;
    }

    private static List<String> sorts(QueryResponse page) {
        return page.items().stream().map(i -> i.get("sk").n()).toList();
    }

    @Test
    void numbersSortByValueInBothDirections() {
        String table = numbersTable();
        var forward = ddb.query(r -> r.tableName(table).keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("a"))));
        assertThat(sorts(forward)).containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12");
        var backward = ddb.query(r -> r.tableName(table).keyConditionExpression("pk = :p AND sk BETWEEN :lo AND :hi")
                .expressionAttributeValues(Map.of(":p", s("a"), ":lo", n("3"), ":hi", n("5"))).scanIndexForward(false));
        assertThat(sorts(backward)).containsExactly("5", "4", "3");
        var negatives = ddb.query(r -> r.tableName(table).keyConditionExpression("pk = :p AND sk < :z")
                .expressionAttributeValues(Map.of(":p", s("b"), ":z", n("-10"))));
        assertThat(sorts(negatives)).containsExactly("-12", "-11");
    }

    @Test
    void limitPagesAndTheFilterAppliesAfterIt() {
        String table = numbersTable();
        List<String> seen = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        int pages = 0;
        do {
            Map<String, AttributeValue> from = start;
            var page = ddb.query(r -> r.tableName(table).keyConditionExpression("pk = :p")
                    .filterExpression("even = :t").limit(5).exclusiveStartKey(from)
                    .expressionAttributeValues(Map.of(":p", s("a"), ":t", AttributeValue.fromBool(true))));
            assertThat(page.scannedCount()).isLessThanOrEqualTo(5);
            assertThat(page.count()).isLessThanOrEqualTo(page.scannedCount());
            seen.addAll(sorts(page));
            start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
            pages++;
        } while (start != null);
        assertThat(seen).containsExactly("2", "4", "6", "8", "10", "12");
        assertThat(pages).isEqualTo(3);

        var count = ddb.query(r -> r.tableName(table).keyConditionExpression("pk = :p").select(Select.COUNT)
                .expressionAttributeValues(Map.of(":p", s("b"))));
        assertThat(count.count()).isEqualTo(12);
        assertThat(count.items()).isEmpty();
    }

    @Test
    void legacyKeyConditionsAndQueryFilter() {
        String table = numbersTable();
        var page = ddb.query(r -> r.tableName(table).keyConditions(Map.of(
                        "pk", Condition.builder().comparisonOperator(ComparisonOperator.EQ).attributeValueList(s("a")).build(),
                        "sk", Condition.builder().comparisonOperator(ComparisonOperator.GE).attributeValueList(n("10")).build()))
                .queryFilter(Map.of("parity", Condition.builder().comparisonOperator(ComparisonOperator.EQ)
                        .attributeValueList(s("odd")).build())));
        assertThat(sorts(page)).containsExactly("11");
        assertThat(page.scannedCount()).isEqualTo(3);
    }

    @Test
    void queriesOnTheKclLeaseOwnerIndex() {
        String table = unique("leases");
        ddb.createTable(r -> r.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST).keySchema(hash("leaseKey"))
                .attributeDefinitions(def("leaseKey", ScalarAttributeType.S)));
        ddb.updateTable(r -> r.tableName(table)
                .attributeDefinitions(def("leaseKey", ScalarAttributeType.S), def("leaseOwner", ScalarAttributeType.S))
                .globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder().create(
                        CreateGlobalSecondaryIndexAction.builder().indexName("LeaseOwnerToLeaseKeyIndex")
                                .keySchema(hash("leaseOwner"), range("leaseKey"))
                                .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)).build()).build()));
        for (int i = 0; i < 6; i++) {
            String key = "shardId-00" + i;
            String owner = i < 4 ? "worker-" + (i % 2) : null;
            ddb.putItem(r -> r.tableName(table).item(owner == null ? Map.of("leaseKey", s(key), "checkpoint", s("LATEST"))
                    : Map.of("leaseKey", s(key), "leaseOwner", s(owner), "checkpoint", s("LATEST"))));
        }
        var mine = ddb.query(r -> r.tableName(table).indexName("LeaseOwnerToLeaseKeyIndex")
                .keyConditionExpression("#o = :o").expressionAttributeNames(Map.of("#o", "leaseOwner"))
                .expressionAttributeValues(Map.of(":o", s("worker-1"))));
        assertThat(mine.items()).extracting(i -> i.get("leaseKey").s()).containsExactly("shardId-001", "shardId-003");
        assertThat(mine.items()).allSatisfy(i -> assertThat(i).containsOnlyKeys("leaseKey", "leaseOwner"));
        var paged = ddb.query(r -> r.tableName(table).indexName("LeaseOwnerToLeaseKeyIndex").limit(1)
                .keyConditionExpression("leaseOwner = :o").expressionAttributeValues(Map.of(":o", s("worker-0"))));
        assertThat(paged.lastEvaluatedKey()).containsOnlyKeys("leaseKey", "leaseOwner");
        var rest = ddb.query(r -> r.tableName(table).indexName("LeaseOwnerToLeaseKeyIndex")
                .exclusiveStartKey(paged.lastEvaluatedKey())
                .keyConditionExpression("leaseOwner = :o").expressionAttributeValues(Map.of(":o", s("worker-0"))));
        assertThat(rest.items()).extracting(i -> i.get("leaseKey").s()).containsExactly("shardId-002");

        ddb.updateItem(r -> r.tableName(table).key(Map.of("leaseKey", s("shardId-002"))).updateExpression("REMOVE leaseOwner"));
        assertThat(ddb.query(r -> r.tableName(table).indexName("LeaseOwnerToLeaseKeyIndex")
                .keyConditionExpression("leaseOwner = :o").expressionAttributeValues(Map.of(":o", s("worker-0"))))
                .count()).as("an item leaves a sparse index when its key attribute goes").isEqualTo(1);
    }

    @Test
    void localIndexesAndQueryErrors() {
        String table = unique("lsi");
        ddb.createTable(r -> r.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(hash("pk"), range("sk"))
                .attributeDefinitions(def("pk", ScalarAttributeType.S), def("sk", ScalarAttributeType.S),
                        def("at", ScalarAttributeType.N))
                .localSecondaryIndexes(LocalSecondaryIndex.builder().indexName("byTime").keySchema(hash("pk"), range("at"))
                        .projection(p -> p.projectionType(ProjectionType.ALL)).build()));
        ddb.putItem(r -> r.tableName(table).item(Map.of("pk", s("p"), "sk", s("z"), "at", n("1"))));
        ddb.putItem(r -> r.tableName(table).item(Map.of("pk", s("p"), "sk", s("a"), "at", n("2"))));
        ddb.putItem(r -> r.tableName(table).item(Map.of("pk", s("p"), "sk", s("m"))));
        var byTime = ddb.query(r -> r.tableName(table).indexName("byTime").keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("p"))));
        assertThat(byTime.items()).extracting(i -> i.get("sk").s()).containsExactly("z", "a");
        var bySort = ddb.query(r -> r.tableName(table).keyConditionExpression("pk = :p AND begins_with(sk, :b)")
                .expressionAttributeValues(Map.of(":p", s("p"), ":b", s("m"))));
        assertThat(bySort.items()).extracting(i -> i.get("sk").s()).containsExactly("m");

        assertError(() -> ddb.query(r -> r.tableName(table)), "ValidationException",
                "Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.");
        assertError(() -> ddb.query(r -> r.tableName(table).keyConditionExpression("pk = :p")
                        .expressionAttributeValues(Map.of(":p", n("1")))), "ValidationException",
                "One or more parameter values were invalid: Condition parameter type does not match schema type");
        assertError(() -> ddb.query(r -> r.tableName(table).keyConditionExpression("pk = :p").filterExpression("sk = :p")
                        .expressionAttributeValues(Map.of(":p", s("p")))), "ValidationException",
                "Filter Expression can only contain non-primary key attributes: Primary key attribute: sk");
        assertError(() -> ddb.query(r -> r.tableName(table).indexName("nope").keyConditionExpression("pk = :p")
                        .expressionAttributeValues(Map.of(":p", s("p")))), "ValidationException",
                "The table does not have the specified index: nope");
    }
}
