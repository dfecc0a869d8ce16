package io.wharf.it.dynamodb;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Select;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Scan through the SDK: paging, parallel segments, sparse global indexes and their projections, COUNT. */
class DynamoDbScanIT extends DynamoDbTestBase {

    private static List<String> scanAll(software.amazon.awssdk.services.dynamodb.DynamoDbClient ddb, String table,
                                        String index, Integer segment, Integer total) {
        List<String> keys = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var page = ddb.scan(r -> r.tableName(table).indexName(index).limit(7).exclusiveStartKey(from)
                    .segment(segment).totalSegments(total));
            assertThat(page.count()).isLessThanOrEqualTo(7);
            page.items().forEach(i -> keys.add(i.get("pk").s()));
            start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return keys;
    }

    @Test
    void pagesAndSegmentsCoverEveryItemOnce() {
        String table = table(null);
        for (int i = 0; i < 50; i++) {
            String pk = "item-" + i;
            ddb.putItem(r -> r.tableName(table).item(Map.of("pk", s(pk))));
        }
        List<String> all = scanAll(ddb, table, null, null, null);
        assertThat(all).hasSize(50).doesNotHaveDuplicates();
        assertThat(scanAll(ddb, table, null, null, null)).as("a stable order").isEqualTo(all);

        Set<String> fromSegments = new HashSet<>();
        int total = 0;
        for (int segment = 0; segment < 4; segment++) {
            List<String> part = scanAll(ddb, table, null, segment, 4);
            total += part.size();
            fromSegments.addAll(part);
        }
        assertThat(total).isEqualTo(50);
        assertThat(fromSegments).containsExactlyInAnyOrderElementsOf(all);

        var count = ddb.scan(r -> r.tableName(table).select(Select.COUNT));
        assertThat(count.count()).isEqualTo(50);
        assertThat(count.items()).isEmpty();
        assertError(() -> ddb.scan(r -> r.tableName(table).segment(4).totalSegments(4)), "ValidationException",
                "The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: 4 is not "
                        + "less than TotalSegments: 4");
        assertError(() -> ddb.scan(r -> r.tableName(table).segment(1)), "ValidationException",
                "The TotalSegments parameter is required but was not present in the request when Segment parameter "
                        + "is present");
    }

    @Test
    void globalIndexesAreSparseAndProjected() {
        String table = unique("gsi");
        ddb.createTable(r -> r.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(hash("pk")).attributeDefinitions(def("pk", ScalarAttributeType.S),
                        def("owner", ScalarAttributeType.S))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("byOwner")
                        .keySchema(hash("owner"), range("pk"))
                        .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)).build()));
        for (int i = 0; i < 10; i++) {
            String pk = "k" + i;
            Map<String, AttributeValue> item = i % 2 == 0 ? Map.of("pk", s(pk), "owner", s("w" + (i % 3)), "x", s("big"))
                    : Map.of("pk", s(pk), "x", s("big"));
            ddb.putItem(r -> r.tableName(table).item(item));
        }
        var page = ddb.scan(r -> r.tableName(table).indexName("byOwner"));
        assertThat(page.count()).isEqualTo(5);
        assertThat(page.items()).allSatisfy(i -> assertThat(i).containsOnlyKeys("pk", "owner"));
        assertThat(scanAll(ddb, table, "byOwner", null, null)).hasSize(5);
        assertError(() -> ddb.scan(r -> r.tableName(table).indexName("nope")), "ValidationException",
                "The table does not have the specified index: nope");
        assertError(() -> ddb.scan(r -> r.tableName(table).indexName("byOwner").select(Select.ALL_ATTRIBUTES)),
                "ValidationException", "One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not "
                        + "supported for global secondary index byOwner because its projection type is not ALL");
    }
}
