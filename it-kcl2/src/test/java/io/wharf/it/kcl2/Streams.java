package io.wharf.it.kcl2;

import io.wharf.testkit.Clients;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Stream set-up and waiting, shared by the KCL 2 suites. */
final class Streams {
    private Streams() {
    }

    static void create(URI endpoint, String stream, int shards) throws InterruptedException {
        try (KinesisClient kinesis = Clients.kinesis(endpoint)) {
            kinesis.createStream(r -> r.streamName(stream).shardCount(shards));
            awaitActive(kinesis, stream);
        }
    }

    static void awaitActive(KinesisClient kinesis, String stream) throws InterruptedException {
        while (kinesis.describeStreamSummary(r -> r.streamName(stream)).streamDescriptionSummary().streamStatus()
                != StreamStatus.ACTIVE) {
            Thread.sleep(50);
        }
    }

    static void put(KinesisClient kinesis, String stream, String partitionKey, String data) {
        kinesis.putRecord(r -> r.streamName(stream).partitionKey(partitionKey).data(SdkBytes.fromUtf8String(data)));
    }

    /**
     * Waits up to two minutes for a condition; the test's assertions then say what is missing. A bound, not a timing
     * claim: each wait usually ends in seconds.
     */
    static void await(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (!condition.getAsBoolean() && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
    }
}
