package io.wharf.it.dynamodb;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The SDK's enhanced client (as KCL 3's coordinator state and worker metrics use it): createTable, putItem, getItem,
 * updateItem (which sends {@code SET #AMZN_MAPPED_x = :AMZN_MAPPED_x} and {@code REMOVE} for nulls), conditional
 * updates, query and scan.
 */
class DynamoDbEnhancedClientIT extends DynamoDbTestBase {

    /** A worker-metrics-like record. */
    public static final class Worker {
        private String id;
        private String group;
        private Long heartbeat;
        private String note;

        public String getId() { return id; }
        public void setId(String id) { this.id = id; }
        public String getGroup() { return group; }
        public void setGroup(String group) { this.group = group; }
        public Long getHeartbeat() { return heartbeat; }
        public void setHeartbeat(Long heartbeat) { this.heartbeat = heartbeat; }
        public String getNote() { return note; }
        public void setNote(String note) { this.note = note; }
    }

    private static final TableSchema<Worker> SCHEMA = StaticTableSchema.builder(Worker.class)
            .newItemSupplier(Worker::new)
            .addAttribute(String.class, a -> a.name("group").getter(Worker::getGroup).setter(Worker::setGroup)
                    .tags(StaticAttributeTags.primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("id").getter(Worker::getId).setter(Worker::setId)
                    .tags(StaticAttributeTags.primarySortKey()))
            .addAttribute(Long.class, a -> a.name("heartbeat").getter(Worker::getHeartbeat).setter(Worker::setHeartbeat))
            .addAttribute(String.class, a -> a.name("note").getter(Worker::getNote).setter(Worker::setNote))
            .build();

    private static Worker worker(String group, String id, long heartbeat, String note) {
        Worker w = new Worker();
        w.setGroup(group);
        w.setId(id);
        w.setHeartbeat(heartbeat);
        w.setNote(note);
        return w;
    }

    @Test
    void theEnhancedClientWorksUnchanged() {
        DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(ddb).build();
        DynamoDbTable<Worker> table = enhanced.table(unique("workers"), SCHEMA);
        table.createTable();
        table.putItem(worker("g", "w1", 1, "first"));
        table.putItem(worker("g", "w2", 5, "second"));

        Worker update = worker("g", "w1", 2, null); // the null note is REMOVEd
        Worker updated = table.updateItem(r -> r.item(update).conditionExpression(Expression.builder()
                .expression("heartbeat < :h").expressionValues(Map.of(":h", AttributeValue.fromN("2"))).build()));
        assertThat(updated.getHeartbeat()).isEqualTo(2L);
        assertThat(updated.getNote()).isNull();
        assertThat(table.getItem(Key.builder().partitionValue("g").sortValue("w1").build()).getHeartbeat()).isEqualTo(2L);
        assertThatThrownBy(() -> table.updateItem(r -> r.item(update).conditionExpression(Expression.builder()
                .expression("heartbeat < :h").expressionValues(Map.of(":h", AttributeValue.fromN("2"))).build())))
                .isInstanceOf(ConditionalCheckFailedException.class);

        Worker partial = new Worker();
        partial.setGroup("g");
        partial.setId("w2");
        partial.setHeartbeat(9L);
        table.updateItem(r -> r.item(partial).ignoreNulls(true));
        assertThat(table.getItem(Key.builder().partitionValue("g").sortValue("w2").build()).getNote()).isEqualTo("second");

        assertThat(table.query(QueryConditional.keyEqualTo(Key.builder().partitionValue("g").build())).items().stream()
                .map(Worker::getId)).containsExactly("w1", "w2");
        assertThat(table.scan().items().stream().count()).isEqualTo(2);
        table.deleteItem(Key.builder().partitionValue("g").sortValue("w1").build());
        assertThat(table.scan().items().stream().count()).isEqualTo(1);
        table.deleteTable();
    }
}
