package io.wharf.dynamodb;

import io.wharf.dynamodb.engine.DynamoDbEngine;
import io.wharf.storage.Store;

import java.time.Clock;
import java.time.Duration;

/**
 * What the server takes from this module: the engine and the DynamoDB API for the gateway.
 * <pre>
 * DynamoDbModule dynamodb = DynamoDbModule.create(store, clock, Duration.ZERO);
 * gateway services: dynamodb.service()
 * </pre>
 */
public final class DynamoDbModule implements AutoCloseable {
    private final DynamoDbEngine engine;
    private final DynamoDbService service;

    private DynamoDbModule(DynamoDbEngine engine) {
        this.engine = engine;
        this.service = new DynamoDbService(engine);
    }

    /**
     * Opens DynamoDB on {@code store}, rebuilding its tables, items and indexes.
     *
     * @param activation how long a new table or global index stays CREATING before DescribeTable says ACTIVE
     */
    public static DynamoDbModule create(Store store, Clock clock, Duration activation) {
        return new DynamoDbModule(new DynamoDbEngine(store, clock, activation));
    }

    public DynamoDbEngine engine() {
        return engine;
    }

    public DynamoDbService service() {
        return service;
    }

    /** Nothing runs in the background and every change was committed before its answer. */
    @Override
    public void close() {
    }
}
