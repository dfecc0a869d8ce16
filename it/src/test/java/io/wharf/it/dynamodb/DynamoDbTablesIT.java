package io.wharf.it.dynamodb;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ContinuousBackupsStatus;
import software.amazon.awssdk.services.dynamodb.model.CreateGlobalSecondaryIndexAction;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryStatus;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.Tag;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tables through the SDK: what KCL's lease code does first, then the rest of the table API and its errors. */
class DynamoDbTablesIT extends DynamoDbTestBase {

    @Test
    void kclLeaseTableLifecycle() {
        String name = unique("app");
        assertError(() -> ddb.describeTable(r -> r.tableName(name + "-CoordinatorState")),
                "ResourceNotFoundException", "Requested resource not found: Table: " + name
                        + "-CoordinatorState not found");
        TableDescription created = ddb.createTable(r -> r.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(hash("leaseKey")).attributeDefinitions(def("leaseKey", ScalarAttributeType.S))
                .deletionProtectionEnabled(false)).tableDescription();
        assertThat(created.tableStatus()).isEqualTo(TableStatus.CREATING);
        assertThat(created.tableArn()).isEqualTo("arn:aws:dynamodb:us-east-1:000000000000:table/" + name);
        assertThat(created.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
        assertThat(ddb.describeTable(r -> r.tableName(name)).table().tableStatus()).isEqualTo(TableStatus.ACTIVE);

        ddb.putItem(r -> r.tableName(name).item(java.util.Map.of("leaseKey", s("shard-1"), "leaseOwner", s("w1"))));
        ddb.putItem(r -> r.tableName(name).item(java.util.Map.of("leaseKey", s("shard-2"))));
        TableDescription updated = ddb.updateTable(r -> r.tableName(name)
                .attributeDefinitions(def("leaseKey", ScalarAttributeType.S), def("leaseOwner", ScalarAttributeType.S))
                .globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder().create(
                        CreateGlobalSecondaryIndexAction.builder().indexName("LeaseOwnerToLeaseKeyIndex")
                                .keySchema(hash("leaseOwner"), range("leaseKey"))
                                .projection(Projection.builder().projectionType(ProjectionType.KEYS_ONLY).build())
                                .build()).build())).tableDescription();
        assertThat(updated.globalSecondaryIndexes()).hasSize(1);
        var index = ddb.describeTable(r -> r.tableName(name)).table().globalSecondaryIndexes().get(0);
        assertThat(index.indexName()).isEqualTo("LeaseOwnerToLeaseKeyIndex");
        assertThat(index.indexStatus()).isEqualTo(IndexStatus.ACTIVE);
        assertThat(index.itemCount()).as("backfilled, sparse").isEqualTo(1);
        assertThat(index.projection().projectionType()).isEqualTo(ProjectionType.KEYS_ONLY);
        assertThat(index.indexArn()).isEqualTo("arn:aws:dynamodb:us-east-1:000000000000:table/" + name
                + "/index/LeaseOwnerToLeaseKeyIndex");

        ddb.deleteTable(r -> r.tableName(name));
        assertThatThrownBy(() -> ddb.describeTable(r -> r.tableName(name))).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void createTableRefusesDuplicatesAndBadSchemas() {
        String name = table(null);
        assertError(() -> ddb.createTable(r -> r.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                        .keySchema(hash("pk")).attributeDefinitions(def("pk", ScalarAttributeType.S))),
                "ResourceInUseException", "Table already exists: " + name);
        assertError(() -> ddb.createTable(r -> r.tableName(unique("x")).billingMode(BillingMode.PAY_PER_REQUEST)
                        .keySchema(hash("pk")).attributeDefinitions(def("other", ScalarAttributeType.S))),
                "ValidationException", null);
        assertError(() -> ddb.createTable(r -> r.tableName(unique("x")).billingMode(BillingMode.PAY_PER_REQUEST)
                        .provisionedThroughput(t -> t.readCapacityUnits(1L).writeCapacityUnits(1L))
                        .keySchema(hash("pk")).attributeDefinitions(def("pk", ScalarAttributeType.S))),
                "ValidationException", "One or more parameter values were invalid: Neither ReadCapacityUnits nor "
                        + "WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
        assertError(() -> ddb.createTable(r -> r.tableName(unique("x")).billingMode(BillingMode.PROVISIONED)
                        .keySchema(hash("pk")).attributeDefinitions(def("pk", ScalarAttributeType.S))),
                "ValidationException", "One or more parameter values were invalid: ReadCapacityUnits and "
                        + "WriteCapacityUnits must both be specified when BillingMode is PROVISIONED");
        assertError(() -> ddb.createTable(r -> r.tableName(unique("x")).billingMode(BillingMode.PAY_PER_REQUEST)
                        .keySchema(range("pk")).attributeDefinitions(def("pk", ScalarAttributeType.S))),
                "ValidationException", "Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
        assertError(() -> ddb.createTable(r -> r.tableName("ab").billingMode(BillingMode.PAY_PER_REQUEST)
                        .keySchema(hash("pk")).attributeDefinitions(def("pk", ScalarAttributeType.S))),
                "ValidationException", "1 validation error detected: Value 'ab' at 'tableName' failed to satisfy "
                        + "constraint: Member must have length greater than or equal to 3");
    }

    @Test
    void provisionedTablesWithLocalIndexesStreamsAndSse() {
        String name = unique("prov");
        TableDescription d = ddb.createTable(r -> r.tableName(name)
                .keySchema(hash("pk"), range("sk"))
                .attributeDefinitions(def("pk", ScalarAttributeType.S), def("sk", ScalarAttributeType.N),
                        def("alt", ScalarAttributeType.S))
                .provisionedThroughput(t -> t.readCapacityUnits(5L).writeCapacityUnits(6L))
                .localSecondaryIndexes(LocalSecondaryIndex.builder().indexName("byAlt").keySchema(hash("pk"), range("alt"))
                        .projection(p -> p.projectionType(ProjectionType.INCLUDE).nonKeyAttributes("x")).build())
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES))
                .sseSpecification(s -> s.enabled(true))
                .tags(Tag.builder().key("team").value("a").build())).tableDescription();
        assertThat(d.provisionedThroughput().readCapacityUnits()).isEqualTo(5L);
        assertThat(d.provisionedThroughput().writeCapacityUnits()).isEqualTo(6L);
        assertThat(d.localSecondaryIndexes().get(0).projection().nonKeyAttributes()).containsExactly("x");
        assertThat(d.streamSpecification().streamViewType()).isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
        assertThat(d.latestStreamArn()).startsWith(d.tableArn() + "/stream/");
        assertThat(d.sseDescription().sseTypeAsString()).isEqualTo("KMS");
        assertThat(ddb.listTagsOfResource(r -> r.resourceArn(d.tableArn())).tags())
                .containsExactly(Tag.builder().key("team").value("a").build());

        TableDescription u = ddb.updateTable(r -> r.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST))
                .tableDescription();
        assertThat(u.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
        assertError(() -> ddb.updateTable(r -> r.tableName(name)), "ValidationException", null);
    }

    @Test
    void deletionProtectionBlocksDeleteTable() {
        String name = unique("protected");
        ddb.createTable(r -> r.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST).keySchema(hash("pk"))
                .attributeDefinitions(def("pk", ScalarAttributeType.S)).deletionProtectionEnabled(true));
        assertError(() -> ddb.deleteTable(r -> r.tableName(name)), "ValidationException",
                "Resource cannot be deleted as it is currently protected against deletion. Disable deletion "
                        + "protection first.");
        ddb.updateTable(r -> r.tableName(name).deletionProtectionEnabled(false));
        assertThat(ddb.deleteTable(r -> r.tableName(name)).tableDescription().tableStatus())
                .isEqualTo(TableStatus.DELETING);
        assertError(() -> ddb.deleteTable(r -> r.tableName(name)), "ResourceNotFoundException",
                "Requested resource not found: Table: " + name + " not found");
    }

    @Test
    void listTablesPages() {
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            mine.add(table(null));
        }
        List<String> seen = new ArrayList<>();
        String start = null;
        do {
            String from = start;
            var page = ddb.listTables(r -> r.limit(2).exclusiveStartTableName(from));
            assertThat(page.tableNames().size()).isLessThanOrEqualTo(2);
            seen.addAll(page.tableNames());
            start = page.lastEvaluatedTableName();
        } while (start != null);
        assertThat(seen).containsAll(mine).isSorted();
    }

    @Test
    void tagsTtlAndPointInTimeRecoveryAreStored() {
        String name = table(null);
        String arn = ddb.describeTable(r -> r.tableName(name)).table().tableArn();
        ddb.tagResource(r -> r.resourceArn(arn).tags(Tag.builder().key("a").value("1").build(),
                Tag.builder().key("b").value("2").build()));
        ddb.untagResource(r -> r.resourceArn(arn).tagKeys("a"));
        assertThat(ddb.listTagsOfResource(r -> r.resourceArn(arn)).tags())
                .containsExactly(Tag.builder().key("b").value("2").build());
        assertError(() -> ddb.listTagsOfResource(r -> r.resourceArn(arn + "x")), "ResourceNotFoundException", null);

        assertThat(ddb.describeTimeToLive(r -> r.tableName(name)).timeToLiveDescription().timeToLiveStatus())
                .isEqualTo(TimeToLiveStatus.DISABLED);
        ddb.updateTimeToLive(r -> r.tableName(name).timeToLiveSpecification(t -> t.enabled(true).attributeName("exp")));
        var ttl = ddb.describeTimeToLive(r -> r.tableName(name)).timeToLiveDescription();
        assertThat(ttl.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
        assertThat(ttl.attributeName()).isEqualTo("exp");
        assertError(() -> ddb.updateTimeToLive(r -> r.tableName(name)
                .timeToLiveSpecification(t -> t.enabled(true).attributeName("exp"))), "ValidationException",
                "TimeToLive is already enabled");

        var backups = ddb.describeContinuousBackups(r -> r.tableName(name)).continuousBackupsDescription();
        assertThat(backups.continuousBackupsStatus()).isEqualTo(ContinuousBackupsStatus.ENABLED);
        assertThat(backups.pointInTimeRecoveryDescription().pointInTimeRecoveryStatus())
                .isEqualTo(PointInTimeRecoveryStatus.DISABLED);
        ddb.updateContinuousBackups(r -> r.tableName(name)
                .pointInTimeRecoverySpecification(p -> p.pointInTimeRecoveryEnabled(true)));
        assertThat(ddb.describeContinuousBackups(r -> r.tableName(name)).continuousBackupsDescription()
                .pointInTimeRecoveryDescription().pointInTimeRecoveryStatus()).isEqualTo(PointInTimeRecoveryStatus.ENABLED);
        assertError(() -> ddb.describeContinuousBackups(r -> r.tableName("missing-table")), "TableNotFoundException",
                "Table not found: missing-table");
    }

    @Test
    void limitsAndEndpoints() {
        var limits = ddb.describeLimits(r -> { });
        assertThat(limits.tableMaxReadCapacityUnits()).isEqualTo(40_000L);
        assertThat(limits.accountMaxWriteCapacityUnits()).isEqualTo(80_000L);
        assertThat(ddb.describeEndpoints(r -> { }).endpoints().get(0).address())
                .isEqualTo("dynamodb.us-east-1.amazonaws.com");
    }

    @Test
    void errorsCarryDynamoDbsNamespacedType() throws Exception {
        var answer = WHARF.raw().postJson("DynamoDB_20120810.DescribeTable", "{\"TableName\":\"nope\"}",
                java.util.Map.of());
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("content-type")).contains("application/x-amz-json-1.0");
        assertThat(answer.bodyText()).contains("\"__type\":\"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException\"")
                .contains("\"message\":\"Requested resource not found: Table: nope not found\"");
        assertThatThrownBy(() -> ddb.describeTable(r -> r.tableName("nope"))).isInstanceOf(ResourceNotFoundException.class);
        ddb.createTable(r -> r.tableName("dup-check").billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(hash("pk")).attributeDefinitions(def("pk", ScalarAttributeType.S)));
        assertThatThrownBy(() -> ddb.createTable(r -> r.tableName("dup-check").billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(hash("pk")).attributeDefinitions(def("pk", ScalarAttributeType.S))))
                .isInstanceOf(ResourceInUseException.class);
    }
}
