package io.wharf.it.dynamodb;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeAction;
import software.amazon.awssdk.services.dynamodb.model.AttributeValueUpdate;
import software.amazon.awssdk.services.dynamodb.model.ComparisonOperator;
import software.amazon.awssdk.services.dynamodb.model.Condition;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ExpectedAttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The legacy parameters KCL's lease code sends: Expected, AttributeUpdates, AttributesToGet, ScanFilter. */
class DynamoDbLegacyIT extends DynamoDbTestBase {

    @Test
    void leaseTakeOverWithExpectedAndAttributeUpdates() {
        String table = table(null);
        ddb.putItem(r -> r.tableName(table).item(Map.of("pk", s("shard-0"), "leaseOwner", s("w1"), "leaseCounter", n("1")))
                .expected(Map.of("pk", ExpectedAttributeValue.builder().exists(false).build())));
        assertThatThrownBy(() -> ddb.putItem(r -> r.tableName(table).item(Map.of("pk", s("shard-0")))
                .expected(Map.of("pk", ExpectedAttributeValue.builder().exists(false).build()))))
                .isInstanceOf(ConditionalCheckFailedException.class);

        var taken = ddb.updateItem(r -> r.tableName(table).key(Map.of("pk", s("shard-0")))
                .expected(Map.of("leaseCounter", ExpectedAttributeValue.builder().value(n("1")).build(),
                        "leaseOwner", ExpectedAttributeValue.builder().comparisonOperator(ComparisonOperator.EQ)
                                .attributeValueList(s("w1")).build()))
                .attributeUpdates(Map.of(
                        "leaseOwner", AttributeValueUpdate.builder().action(AttributeAction.PUT).value(s("w2")).build(),
                        "leaseCounter", AttributeValueUpdate.builder().action(AttributeAction.ADD).value(n("1")).build()))
                .returnValues(ReturnValue.ALL_NEW)).attributes();
        assertThat(taken).containsEntry("leaseOwner", s("w2")).containsEntry("leaseCounter", n("2"));
        assertThatThrownBy(() -> ddb.updateItem(r -> r.tableName(table).key(Map.of("pk", s("shard-0")))
                .expected(Map.of("leaseCounter", ExpectedAttributeValue.builder().value(n("1")).build()))
                .attributeUpdates(Map.of("leaseOwner", AttributeValueUpdate.builder().action(AttributeAction.DELETE)
                        .build())))).isInstanceOf(ConditionalCheckFailedException.class);

        var projected = ddb.getItem(r -> r.tableName(table).key(Map.of("pk", s("shard-0"))).attributesToGet("leaseOwner"))
                .item();
        assertThat(projected).isEqualTo(Map.of("leaseOwner", s("w2")));
        var filtered = ddb.scan(r -> r.tableName(table).scanFilter(Map.of("leaseOwner", Condition.builder()
                .comparisonOperator(ComparisonOperator.EQ).attributeValueList(s("w2")).build())));
        assertThat(filtered.count()).isEqualTo(1);
    }

    @Test
    void expressionsAndLegacyParametersDoNotMix() {
        String table = table(null);
        assertError(() -> ddb.putItem(r -> r.tableName(table).item(Map.of("pk", s("k")))
                        .conditionExpression("attribute_not_exists(pk)")
                        .expected(Map.of("pk", ExpectedAttributeValue.builder().exists(false).build()))),
                "ValidationException", "Can not use both expression and non-expression parameters in the same "
                        + "request: Non-expression parameters: {Expected} Expression parameters: {ConditionExpression}");
    }
}
