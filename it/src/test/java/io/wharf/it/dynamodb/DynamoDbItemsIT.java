package io.wharf.it.dynamodb;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Single-item operations through the SDK: every attribute type, AWS's value and key rules, conditions, ReturnValues. */
class DynamoDbItemsIT extends DynamoDbTestBase {

    @Test
    void everyAttributeTypeRoundTrips() {
        String table = table(ScalarAttributeType.N);
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s("a"));
        item.put("sk", n("1.50"));
        item.put("s", s("text ✓"));
        item.put("n", n("-12345678901234567890123456789012345678"));
        item.put("b", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[]{0, 1, (byte) 0xff})));
        item.put("ss", AttributeValue.fromSs(List.of("x", "y")));
        item.put("ns", AttributeValue.fromNs(List.of("1", "2.5")));
        item.put("bs", AttributeValue.fromBs(List.of(SdkBytes.fromUtf8String("p"), SdkBytes.fromUtf8String("q"))));
        item.put("m", AttributeValue.fromM(Map.of("inner", AttributeValue.fromL(List.of(s("deep"), n("7"))))));
        item.put("l", AttributeValue.fromL(List.of(AttributeValue.fromBool(true), AttributeValue.fromNul(true))));
        ddb.putItem(r -> r.tableName(table).item(item));

        var got = ddb.getItem(r -> r.tableName(table).key(Map.of("pk", s("a"), "sk", n("1.5")))
                .consistentRead(true)).item();
        Map<String, AttributeValue> expected = new HashMap<>(item);
        expected.put("sk", n("1.5"));
        assertThat(got).isEqualTo(expected);
        assertThat(ddb.getItem(r -> r.tableName(table).key(Map.of("pk", s("a"), "sk", n("2")))).hasItem()).isFalse();
    }

    @Test
    void malformedValuesGetAwsTexts() {
        String table = table(null);
        assertError(() -> ddb.putItem(r -> r.tableName(table).item(Map.of("pk", s("a"),
                        "x", AttributeValue.builder().build()))), "ValidationException",
                "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
        assertError(() -> ddb.putItem(r -> r.tableName(table).item(Map.of("pk", s("a"),
                        "x", AttributeValue.builder().s("a").n("1").build()))), "ValidationException",
                "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported "
                        + "datatypes");
        assertError(() -> ddb.putItem(r -> r.tableName(table).item(Map.of("pk", s("a"),
                        "x", AttributeValue.fromSs(List.of())))), "ValidationException",
                "One or more parameter values were invalid: An string set  may not be empty");
        assertError(() -> ddb.putItem(r -> r.tableName(table).item(Map.of("pk", s("a"),
                        "x", AttributeValue.fromSs(List.of("d", "d"))))), "ValidationException",
                "One or more parameter values were invalid: Input collection [d, d] contains duplicates.");
        assertError(() -> ddb.putItem(r -> r.tableName(table).item(Map.of("pk", s("a"), "x", n("abc")))),
                "ValidationException", "The parameter cannot be converted to a numeric value: abc");
        assertError(() -> ddb.putItem(r -> r.tableName(table).item(Map.of("pk", s("a"),
                        "x", n("123456789012345678901234567890123456789")))), "ValidationException",
                "Attempting to store more than 38 significant digits in a Number");
    }

    @Test
    void keyRules() {
        String table = table(ScalarAttributeType.S);
        assertError(() -> ddb.putItem(r -> r.tableName(table).item(Map.of("pk", s("a")))), "ValidationException",
                "One or more parameter values were invalid: Missing the key sk in the item");
        assertError(() -> ddb.putItem(r -> r.tableName(table).item(Map.of("pk", n("1"), "sk", s("x")))),
                "ValidationException", "One or more parameter values were invalid: Type mismatch for key pk "
                        + "expected: S actual: N");
        assertError(() -> ddb.putItem(r -> r.tableName(table).item(Map.of("pk", s(""), "sk", s("x")))),
                "ValidationException", "One or more parameter values are not valid. The AttributeValue for a key "
                        + "attribute cannot contain an empty string value. Key: pk");
        assertError(() -> ddb.putItem(r -> r.tableName(table).item(Map.of("pk", s("p".repeat(2049)), "sk", s("x")))),
                "ValidationException", "One or more parameter values were invalid: Size of hashkey has exceeded the "
                        + "maximum size limit of2048 bytes");
        assertError(() -> ddb.putItem(r -> r.tableName(table).item(Map.of("pk", s("p"), "sk", s("s".repeat(1025))))),
                "ValidationException", "One or more parameter values were invalid: Aggregated size of all range keys "
                        + "has exceeded the size limit of 1024 bytes");
        assertError(() -> ddb.getItem(r -> r.tableName(table).key(Map.of("pk", s("a")))), "ValidationException",
                "The provided key element does not match the schema");
        assertError(() -> ddb.getItem(r -> r.tableName("no-such-table").key(Map.of("pk", s("a")))),
                "ResourceNotFoundException", "Requested resource not found");
    }

    @Test
    void itemsOver400KbAreRefused() {
        String table = table(null);
        ddb.putItem(r -> r.tableName(table).item(Map.of("pk", s("ok"), "v", s("x".repeat(400 * 1024 - 10)))));
        assertError(() -> ddb.putItem(r -> r.tableName(table).item(Map.of("pk", s("big"),
                "v", s("x".repeat(400 * 1024))))), "ValidationException", "Item size has exceeded the maximum allowed size");
        assertThat(ddb.getItem(r -> r.tableName(table).key(Map.of("pk", s("big")))).hasItem()).isFalse();
    }

    @Test
    void conditionalWritesAndTheItemOnFailure() {
        String table = table(null);
        ddb.putItem(r -> r.tableName(table).item(Map.of("pk", s("lease"), "owner", s("w1"), "counter", n("1")))
                .conditionExpression("attribute_not_exists(pk)"));
        var failed = catchThrowableOfType(ConditionalCheckFailedException.class, () -> ddb.putItem(r -> r
                .tableName(table).item(Map.of("pk", s("lease"), "owner", s("w2")))
                .conditionExpression("attribute_not_exists(pk)")
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)));
        assertThat(failed.awsErrorDetails().errorMessage()).isEqualTo("The conditional request failed");
        assertThat(failed.statusCode()).isEqualTo(400);
        assertThat(failed.item()).containsEntry("owner", s("w1"));
        var withoutItem = catchThrowableOfType(ConditionalCheckFailedException.class, () -> ddb.deleteItem(r -> r
                .tableName(table).key(Map.of("pk", s("lease"))).conditionExpression("#o = :o")
                .expressionAttributeNames(Map.of("#o", "owner")).expressionAttributeValues(Map.of(":o", s("w2")))));
        assertThat(withoutItem.hasItem()).isFalse();

        var updated = ddb.updateItem(r -> r.tableName(table).key(Map.of("pk", s("lease")))
                .updateExpression("SET #o = :new ADD #c :one")
                .conditionExpression("#o = :old")
                .expressionAttributeNames(Map.of("#o", "owner", "#c", "counter"))
                .expressionAttributeValues(Map.of(":new", s("w2"), ":old", s("w1"), ":one", n("1")))
                .returnValues(ReturnValue.ALL_NEW));
        assertThat(updated.attributes()).containsEntry("owner", s("w2")).containsEntry("counter", n("2"));

        var old = ddb.deleteItem(r -> r.tableName(table).key(Map.of("pk", s("lease"))).returnValues(ReturnValue.ALL_OLD));
        assertThat(old.attributes()).containsEntry("owner", s("w2"));
        assertThat(ddb.getItem(r -> r.tableName(table).key(Map.of("pk", s("lease")))).hasItem()).isFalse();
    }

    @Test
    void returnValuesOfUpdateItem() {
        String table = table(null);
        ddb.putItem(r -> r.tableName(table).item(Map.of("pk", s("k"), "a", s("1"), "b", s("2"))));
        var updatedOld = ddb.updateItem(r -> r.tableName(table).key(Map.of("pk", s("k")))
                .updateExpression("SET a = :v").expressionAttributeValues(Map.of(":v", s("9")))
                .returnValues(ReturnValue.UPDATED_OLD)).attributes();
        assertThat(updatedOld).isEqualTo(Map.of("a", s("1")));
        var updatedNew = ddb.updateItem(r -> r.tableName(table).key(Map.of("pk", s("k")))
                .updateExpression("SET b = :v").expressionAttributeValues(Map.of(":v", s("8")))
                .returnValues(ReturnValue.UPDATED_NEW)).attributes();
        assertThat(updatedNew).isEqualTo(Map.of("b", s("8")));
        var allOld = ddb.updateItem(r -> r.tableName(table).key(Map.of("pk", s("k")))
                .updateExpression("REMOVE b").returnValues(ReturnValue.ALL_OLD)).attributes();
        assertThat(allOld).isEqualTo(Map.of("pk", s("k"), "a", s("9"), "b", s("8")));
        var created = ddb.updateItem(r -> r.tableName(table).key(Map.of("pk", s("new")))
                .updateExpression("SET a = :v").expressionAttributeValues(Map.of(":v", s("x")))
                .returnValues(ReturnValue.ALL_NEW)).attributes();
        assertThat(created).isEqualTo(Map.of("pk", s("new"), "a", s("x")));
        ddb.updateItem(r -> r.tableName(table).key(Map.of("pk", s("ghost"))).updateExpression("REMOVE a"));
        assertThat(ddb.getItem(r -> r.tableName(table).key(Map.of("pk", s("ghost")))).hasItem())
                .as("removing from an item that does not exist creates nothing").isFalse();
        ddb.updateItem(r -> r.tableName(table).key(Map.of("pk", s("bare"))));
        assertThat(ddb.getItem(r -> r.tableName(table).key(Map.of("pk", s("bare")))).item())
                .as("an UpdateItem without an update creates the item with its key")
                .isEqualTo(Map.of("pk", s("bare")));
        assertError(() -> ddb.updateItem(r -> r.tableName(table).key(Map.of("pk", s("k")))
                        .updateExpression("SET pk = :v").expressionAttributeValues(Map.of(":v", s("x")))),
                "ValidationException", "One or more parameter values were invalid: Cannot update attribute pk. "
                        + "This attribute is part of the key");
        assertError(() -> ddb.putItem(r -> r.tableName(table).item(Map.of("pk", s("k")))
                .returnValues(ReturnValue.ALL_NEW)), "ValidationException", "Return values set to invalid value");
        assertError(() -> ddb.putItem(r -> r.tableName(table).item(Map.of("pk", s("k")))
                        .expressionAttributeValues(Map.of(":v", s("x")))), "ValidationException",
                "ExpressionAttributeValues can only be specified when using expressions");
    }

    @Test
    void consumedCapacityIsAnswered() {
        String table = table(null);
        var put = ddb.putItem(r -> r.tableName(table).item(Map.of("pk", s("k"), "v", s("x".repeat(1500))))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        assertThat(put.consumedCapacity().tableName()).isEqualTo(table);
        assertThat(put.consumedCapacity().capacityUnits()).isEqualTo(2.0);
        var get = ddb.getItem(r -> r.tableName(table).key(Map.of("pk", s("k"))).consistentRead(true)
                .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES));
        assertThat(get.consumedCapacity().capacityUnits()).isEqualTo(1.0);
        assertThat(get.consumedCapacity().table().capacityUnits()).isEqualTo(1.0);
    }
}
