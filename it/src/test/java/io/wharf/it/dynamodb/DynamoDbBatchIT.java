package io.wharf.it.dynamodb;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.Get;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** BatchGetItem, BatchWriteItem, TransactWriteItems and TransactGetItems through the SDK. */
class DynamoDbBatchIT extends DynamoDbTestBase {

    private static WriteRequest put(String pk) {
        return WriteRequest.builder().putRequest(PutRequest.builder().item(Map.of("pk", s(pk), "v", s("v-" + pk)))
                .build()).build();
    }

    @Test
    void batchWriteThenBatchGetOverTwoTables() {
        String a = table(null);
        String b = table(null);
        List<WriteRequest> writes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            writes.add(put("k" + i));
        }
        var written = ddb.batchWriteItem(r -> r.requestItems(Map.of(a, writes, b, List.of(put("only")))));
        assertThat(written.unprocessedItems()).isEmpty();
        ddb.batchWriteItem(r -> r.requestItems(Map.of(a, List.of(WriteRequest.builder()
                .deleteRequest(DeleteRequest.builder().key(Map.of("pk", s("k0"))).build()).build()))));

        var got = ddb.batchGetItem(r -> r.requestItems(Map.of(
                a, KeysAndAttributes.builder().keys(Map.of("pk", s("k0")), Map.of("pk", s("k1")), Map.of("pk", s("k19")))
                        .build(),
                b, KeysAndAttributes.builder().keys(Map.of("pk", s("only"))).build())));
        assertThat(got.unprocessedKeys()).isEmpty();
        assertThat(got.responses().get(a)).extracting(i -> i.get("pk").s()).containsExactlyInAnyOrder("k1", "k19");
        assertThat(got.responses().get(b)).hasSize(1);
    }

    @Test
    void batchLimitsAndDuplicates() {
        String a = table(null);
        List<WriteRequest> tooMany = new ArrayList<>();
        for (int i = 0; i < 26; i++) {
            tooMany.add(put("k" + i));
        }
        assertError(() -> ddb.batchWriteItem(r -> r.requestItems(Map.of(a, tooMany))), "ValidationException", null);
        assertError(() -> ddb.batchWriteItem(r -> r.requestItems(Map.of(a, List.of(put("d"), put("d"))))),
                "ValidationException", "Provided list of item keys contains duplicates");
        assertThat(ddb.getItem(r -> r.tableName(a).key(Map.of("pk", s("d")))).hasItem()).as("nothing written").isFalse();
        assertError(() -> ddb.batchGetItem(r -> r.requestItems(Map.of(a, KeysAndAttributes.builder()
                        .keys(Map.of("pk", s("x")), Map.of("pk", s("x"))).build()))), "ValidationException",
                "Provided list of item keys contains duplicates");
    }

    @Test
    void transactionsAreAllOrNothing() {
        String table = table(null);
        ddb.putItem(r -> r.tableName(table).item(Map.of("pk", s("guard"), "state", s("closed"))));
        TransactWriteItem check = TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(table)
                .key(Map.of("pk", s("guard"))).conditionExpression("#s = :open")
                .expressionAttributeNames(Map.of("#s", "state")).expressionAttributeValues(Map.of(":open", s("open")))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build()).build();
        TransactWriteItem putNew = TransactWriteItem.builder().put(Put.builder().tableName(table)
                .item(Map.of("pk", s("new"))).build()).build();
        var cancelled = catchThrowableOfType(TransactionCanceledException.class,
                () -> ddb.transactWriteItems(r -> r.transactItems(check, putNew)));
        assertThat(cancelled.awsErrorDetails().errorMessage()).isEqualTo("Transaction cancelled, please refer "
                + "cancellation reasons for specific reasons [ConditionalCheckFailed, None]");
        assertThat(cancelled.cancellationReasons()).extracting(CancellationReason::code)
                .containsExactly("ConditionalCheckFailed", "None");
        assertThat(cancelled.cancellationReasons().get(0).item()).containsEntry("state", s("closed"));
        assertThat(ddb.getItem(r -> r.tableName(table).key(Map.of("pk", s("new")))).hasItem()).isFalse();

        ddb.updateItem(r -> r.tableName(table).key(Map.of("pk", s("guard"))).updateExpression("SET #s = :open")
                .expressionAttributeNames(Map.of("#s", "state")).expressionAttributeValues(Map.of(":open", s("open"))));
        TransactWriteItem bump = TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(Map.of("pk", s("counter"))).updateExpression("ADD n :one")
                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))).build()).build();
        TransactWriteItem deleteGone = TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                .key(Map.of("pk", s("never"))).build()).build();
        ddb.transactWriteItems(r -> r.transactItems(check, putNew, bump, deleteGone).clientRequestToken("token-1"));
        ddb.transactWriteItems(r -> r.transactItems(check, putNew, bump, deleteGone).clientRequestToken("token-1"));
        var read = ddb.transactGetItems(r -> r.transactItems(
                TransactGetItem.builder().get(Get.builder().tableName(table).key(Map.of("pk", s("new"))).build()).build(),
                TransactGetItem.builder().get(Get.builder().tableName(table).key(Map.of("pk", s("counter"))).build()).build(),
                TransactGetItem.builder().get(Get.builder().tableName(table).key(Map.of("pk", s("never"))).build()).build()))
                .responses();
        assertThat(read.get(0).item()).containsEntry("pk", s("new"));
        assertThat(read.get(1).item()).as("the repeated token applied once").containsEntry("n", AttributeValue.fromN("1"));
        assertThat(read.get(2).hasItem()).isFalse();

        assertError(() -> ddb.transactWriteItems(r -> r.transactItems(putNew, putNew)), "ValidationException",
                "Transaction request cannot include multiple operations on one item");
    }
}
