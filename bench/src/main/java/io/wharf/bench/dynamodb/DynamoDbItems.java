package io.wharf.bench.dynamodb;

import io.wharf.bench.measure.Latency;
import io.wharf.bench.measure.Result;
import io.wharf.bench.measure.Window;
import io.wharf.bench.scenario.Failures;
import io.wharf.bench.scenario.Scenario;
import io.wharf.bench.scenario.ScenarioSettings;
import io.wharf.bench.scenario.Workers;
import io.wharf.bench.sqs.SqsClients;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code dynamodb-items}: C callers each running, back to back, the three calls a lease manager makes most — a
 * PutItem (a lease rewritten: a string owner, a counter and a body of the message size), a GetItem, and a
 * conditional UpdateItem ({@code SET leaseCounter = leaseCounter + :one} if the owner is still {@code :owner}) — on
 * keys drawn from a table of {@link #KEYS} items seeded first. Every call counts as one operation (the msgs/s column
 * is operations/s); each of the three has its latency, and "cycle" is the three together. A conditional failure is
 * an error: the owner never changes, so the condition always holds.
 */
public final class DynamoDbItems implements Scenario {
    static final int KEYS = 1_000;
    private static final String OWNER = "worker-1";

    @Override
    public String name() {
        return "dynamodb-items";
    }

    @Override
    public Result run(ScenarioSettings settings) throws InterruptedException {
        Window window = new Window(settings.warmup(), settings.duration(), settings.serverPid());
        Latency cycle = new Latency("cycle", window);
        Latency put = new Latency("put-item", window);
        Latency get = new Latency("get-item", window);
        Latency update = new Latency("update-item", window);
        LongAdder operations = new LongAdder();
        Failures failures = new Failures();
        String table = "wharf-bench-" + UUID.randomUUID();
        String body = "x".repeat(settings.bodyBytes());
        try (DynamoDbAsyncClient client = SqsClients.configure(DynamoDbAsyncClient.builder(), settings.endpoint(),
                settings.callers()).build()) {
            createTable(client, table);
            seed(client, table, body);
            Workers callers = new Workers();
            for (int i = 0; i < settings.callers(); i++) {
                callers.start("caller-" + i, () -> {
                    while (!window.stopped()) {
                        Map<String, AttributeValue> key = key(ThreadLocalRandom.current().nextInt(KEYS));
                        long start = System.nanoTime();
                        try {
                            client.putItem(b -> b.tableName(table).item(lease(key, body))).join();
                            put.recordSince(start);
                            long afterPut = System.nanoTime();
                            client.getItem(b -> b.tableName(table).key(key)).join();
                            get.recordSince(afterPut);
                            long afterGet = System.nanoTime();
                            client.updateItem(b -> b.tableName(table).key(key)
                                    .updateExpression("SET leaseCounter = leaseCounter + :one")
                                    .conditionExpression("leaseOwner = :owner")
                                    .expressionAttributeValues(Map.of(
                                            ":one", AttributeValue.fromN("1"),
                                            ":owner", AttributeValue.fromS(OWNER)))).join();
                            update.recordSince(afterGet);
                            cycle.recordSince(start);
                            if (window.measuring()) {
                                operations.add(3);
                            }
                        } catch (RuntimeException e) {
                            failures.record(e);
                        }
                    }
                });
            }
            window.runToEnd();
            callers.awaitAll(Duration.ofSeconds(30));
            try {
                client.deleteTable(b -> b.tableName(table)).join();
            } catch (RuntimeException e) {
                failures.record(e);
            }
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("callers", Integer.toString(settings.callers()));
        parameters.put("keys", Integer.toString(KEYS));
        parameters.put("itemBodyBytes", Integer.toString(settings.bodyBytes()));
        return new Result(name(), settings.target(), parameters, window.measuredSeconds(), operations.sum(),
                failures.count(), failures.first(), cycle.name(),
                Map.of(cycle.name(), cycle.percentiles(), put.name(), put.percentiles(),
                        get.name(), get.percentiles(), update.name(), update.percentiles()),
                window.serverCpuMillis(), window.clientCpuMillis(), window.loadAverage());
    }

    static Map<String, AttributeValue> key(int n) {
        return Map.of("leaseKey", AttributeValue.fromS("shardId-" + String.format("%012d", n)));
    }

    static Map<String, AttributeValue> lease(Map<String, AttributeValue> key, String body) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(key);
        item.put("leaseOwner", AttributeValue.fromS(OWNER));
        item.put("leaseCounter", AttributeValue.fromN("1"));
        item.put("checkpoint", AttributeValue.fromS(body));
        return item;
    }

    private static void createTable(DynamoDbAsyncClient client, String table) throws InterruptedException {
        client.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(k -> k.attributeName("leaseKey").keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName("leaseKey").attributeType(ScalarAttributeType.S))).join();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (client.describeTable(b -> b.tableName(table)).join().table().tableStatus() != TableStatus.ACTIVE) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("table " + table + " not ACTIVE after 30 s");
            }
            Thread.sleep(20);
        }
    }

    private static void seed(DynamoDbAsyncClient client, String table, String body) {
        var pending = new java.util.ArrayList<java.util.concurrent.CompletableFuture<?>>();
        for (int n = 0; n < KEYS; n++) {
            Map<String, AttributeValue> item = lease(key(n), body);
            pending.add(client.putItem(b -> b.tableName(table).item(item)));
            if (pending.size() == 32) {
                pending.forEach(java.util.concurrent.CompletableFuture::join);
                pending.clear();
            }
        }
        pending.forEach(java.util.concurrent.CompletableFuture::join);
    }
}
