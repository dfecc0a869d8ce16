package io.wharf.it.dynamodb;

import io.wharf.server.Wharf;
import io.wharf.server.config.WharfConfig;
import io.wharf.testkit.Clients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateGlobalSecondaryIndexAction;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Tag;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tables, their settings and indexes, and every acknowledged item survive a restart on the same data directory. */
class DynamoDbRestartIT {
    @TempDir
    Path dataDir;

    private Wharf start() {
        return Wharf.start(WharfConfig.builder().port(0).dataDir(dataDir).build());
    }

    private static AttributeDefinition def(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    @Test
    void tablesItemsAndIndexesSurviveARestart() {
        String arn;
        try (Wharf wharf = start(); DynamoDbClient ddb = Clients.dynamoDb(URI.create(wharf.endpoint()))) {
            arn = ddb.createTable(r -> r.tableName("leases").billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(key("leaseKey", KeyType.HASH)).attributeDefinitions(def("leaseKey"))
                    .tags(Tag.builder().key("app").value("kcl").build())).tableDescription().tableArn();
            ddb.updateTable(r -> r.tableName("leases").attributeDefinitions(def("leaseKey"), def("leaseOwner"))
                    .globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder().create(
                            CreateGlobalSecondaryIndexAction.builder().indexName("LeaseOwnerToLeaseKeyIndex")
                                    .keySchema(key("leaseOwner", KeyType.HASH), key("leaseKey", KeyType.RANGE))
                                    .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)).build()).build()));
            ddb.updateTimeToLive(r -> r.tableName("leases").timeToLiveSpecification(t -> t.enabled(true)
                    .attributeName("expires")));
            for (int i = 0; i < 30; i++) {
                String k = "shard-" + i;
                Map<String, AttributeValue> item = i % 3 == 0 ? Map.of("leaseKey", s(k), "leaseOwner", s("w1"))
                        : Map.of("leaseKey", s(k), "checkpoint", s("TRIM_HORIZON"));
                ddb.putItem(r -> r.tableName("leases").item(item));
            }
            ddb.deleteItem(r -> r.tableName("leases").key(Map.of("leaseKey", s("shard-0"))));
            ddb.createTable(r -> r.tableName("gone").billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(key("pk", KeyType.HASH)).attributeDefinitions(def("pk")));
            ddb.putItem(r -> r.tableName("gone").item(Map.of("pk", s("x"))));
            ddb.deleteTable(r -> r.tableName("gone"));
        }
        try (Wharf wharf = start(); DynamoDbClient ddb = Clients.dynamoDb(URI.create(wharf.endpoint()))) {
            var table = ddb.describeTable(r -> r.tableName("leases")).table();
            assertThat(table.tableArn()).isEqualTo(arn);
            assertThat(table.itemCount()).isEqualTo(29);
            assertThat(table.globalSecondaryIndexes().get(0).itemCount()).isEqualTo(9);
            assertThat(ddb.listTagsOfResource(r -> r.resourceArn(arn)).tags()).hasSize(1);
            assertThat(ddb.describeTimeToLive(r -> r.tableName("leases")).timeToLiveDescription().attributeName())
                    .isEqualTo("expires");
            assertThat(ddb.getItem(r -> r.tableName("leases").key(Map.of("leaseKey", s("shard-1")))).item())
                    .containsEntry("checkpoint", s("TRIM_HORIZON"));
            assertThat(ddb.getItem(r -> r.tableName("leases").key(Map.of("leaseKey", s("shard-0")))).hasItem()).isFalse();
            assertThat(ddb.scan(r -> r.tableName("leases").indexName("LeaseOwnerToLeaseKeyIndex")).count()).isEqualTo(9);
            assertThatThrownBy(() -> ddb.describeTable(r -> r.tableName("gone")))
                    .isInstanceOf(ResourceNotFoundException.class);
            ddb.createTable(r -> r.tableName("gone").billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(key("pk", KeyType.HASH)).attributeDefinitions(def("pk")));
            assertThat(ddb.scan(r -> r.tableName("gone")).count()).as("a new table under an old name is empty")
                    .isZero();
        }
    }
}
