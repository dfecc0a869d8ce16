package io.wharf.it.dynamodb;

import io.wharf.testkit.Clients;
import io.wharf.testkit.WharfServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** One Wharf per test class and a DynamoDB client as the root of the default account. */
abstract class DynamoDbTestBase {
    static final String ACCOUNT = "000000000000";
    static final String REGION = "us-east-1";
    private static final AtomicInteger COUNTER = new AtomicInteger();

    @RegisterExtension
    static final WharfServerExtension WHARF = WharfServerExtension.builder().build();

    protected DynamoDbClient ddb;

    @BeforeEach
    void client() {
        ddb = Clients.dynamoDb(WHARF.endpoint());
    }

    @AfterEach
    void closeClient() {
        ddb.close();
    }

    static String unique(String base) {
        return base + "-" + COUNTER.incrementAndGet() + "-" + Long.toString(System.nanoTime() % 1_000_000, 36);
    }

    static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    static AttributeValue n(String v) {
        return AttributeValue.fromN(v);
    }

    /** A PAY_PER_REQUEST table keyed by {@code pk} (S) and, when {@code sortType} is given, {@code sk}. */
    String table(ScalarAttributeType sortType) {
        String name = unique("t");
        ddb.createTable(r -> {
            r.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST);
            if (sortType == null) {
                r.keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                        .attributeDefinitions(def("pk", ScalarAttributeType.S));
            } else {
                r.keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                                KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build())
                        .attributeDefinitions(def("pk", ScalarAttributeType.S), def("sk", sortType));
            }
        });
        return name;
    }

    static AttributeDefinition def(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    static KeySchemaElement hash(String name) {
        return KeySchemaElement.builder().attributeName(name).keyType(KeyType.HASH).build();
    }

    static KeySchemaElement range(String name) {
        return KeySchemaElement.builder().attributeName(name).keyType(KeyType.RANGE).build();
    }

    static DynamoDbException error(Runnable call) {
        DynamoDbException e = catchThrowableOfType(DynamoDbException.class, call::run);
        assertThat(e).as("expected a DynamoDB error").isNotNull();
        return e;
    }

    /** The call fails with this code, HTTP 400 and (when given) exactly this message. */
    static DynamoDbException assertError(Runnable call, String code, String message) {
        DynamoDbException e = error(call);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
        assertThat(e.statusCode()).isEqualTo(400);
        if (message != null) {
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        }
        return e;
    }
}
