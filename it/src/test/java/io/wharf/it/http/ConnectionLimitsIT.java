package io.wharf.it.http;

import io.wharf.testkit.Clients;
import io.wharf.testkit.WharfServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connection deadlines as SDK users meet them, with every timeout at one second: long polls (requests in
 * progress) are never cut, over HTTP/1.1 and as HTTP/2 streams, nor is a Kinesis SubscribeToShard event stream;
 * a connection the server closed for idling is simply replaced by the SDK.
 *
 * Most of its time is waiting out those timeouts, on a server of its own: it runs beside the other suites.
 */
@Execution(ExecutionMode.CONCURRENT)
class ConnectionLimitsIT {
    @RegisterExtension
    static final WharfServerExtension WHARF = WharfServerExtension.builder().configure(c -> c
            .idleTimeout(Duration.ofSeconds(1)).headerTimeout(Duration.ofSeconds(1)).bodyTimeout(Duration.ofSeconds(1))
            .kinesisTransitionMillis(0))
            .build();

    private static SdkAsyncHttpClient http2;

    @AfterAll
    static void closeHttpClient() {
        if (http2 != null) {
            http2.close();
        }
    }

    @Test
    void aLongPollLongerThanEveryTimeoutIsAnswered(SqsClient sqs) {
        String url = sqs.createQueue(r -> r.queueName("long-poll-h1")).queueUrl();
        ReceiveMessageResponse empty = sqs.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(3));
        assertThat(empty.messages()).isEmpty(); // answered after 3 s, not cut after 1

        CompletableFuture<ReceiveMessageResponse> waiting = CompletableFuture.supplyAsync(
                () -> sqs.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(20)));
        try (SqsClient other = Clients.sqs(WHARF.endpoint())) {
            // Idle connections of the other client are closed meanwhile; the SDK opens new ones.
            other.sendMessage(r -> r.queueUrl(url).messageBody("first"));
            sleep(2_500);
            other.sendMessage(r -> r.queueUrl(url).messageBody("second"));
        }
        assertThat(waiting.join().messages()).isNotEmpty();
    }

    @Test
    void aLongPollOnAnHttp2StreamIsAnswered() throws Exception {
        http2 = NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP2).maxConcurrency(1).build();
        try (SqsAsyncClient sqs = Clients.sqsAsyncBuilder(WHARF.endpoint()).httpClientBuilder(null).httpClient(http2)
                .build()) {
            String url = sqs.createQueue(r -> r.queueName("long-poll-h2")).get().queueUrl();
            ReceiveMessageResponse empty = sqs.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(3)).get();
            assertThat(empty.messages()).isEmpty();
            sleep(2_500); // the connection is idle now and gets closed; the next call opens another
            sqs.sendMessage(r -> r.queueUrl(url).messageBody("after idle")).get();
            assertThat(sqs.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(1)).get().messages())
                    .singleElement().satisfies(m -> assertThat(m.body()).isEqualTo("after idle"));
        }
    }

    @Test
    void aSubscribeToShardEventStreamOutlivesEveryTimeout() throws Exception {
        try (var kinesis = Clients.kinesis(WHARF.endpoint());
             var async = Clients.kinesisAsync(WHARF.endpoint())) { // HTTP/2, as the SDK picks for Kinesis
            kinesis.createStream(r -> r.streamName("efo-timeouts").shardCount(1));
            String streamArn = awaitActive(kinesis, "efo-timeouts");
            String consumerArn = kinesis.registerStreamConsumer(r -> r.streamARN(streamArn).consumerName("c"))
                    .consumer().consumerARN();
            while (kinesis.describeStreamConsumer(r -> r.consumerARN(consumerArn)).consumerDescription()
                    .consumerStatus() != software.amazon.awssdk.services.kinesis.model.ConsumerStatus.ACTIVE) {
                sleep(20);
            }
            java.util.concurrent.BlockingQueue<String> data = new java.util.concurrent.LinkedBlockingQueue<>();
            var handler = software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponseHandler.builder()
                    .subscriber(software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponseHandler.Visitor
                            .builder().onSubscribeToShardEvent(event -> event.records()
                                    .forEach(record -> data.add(record.data().asUtf8String()))).build())
                    .build();
            CompletableFuture<Void> subscription = async.subscribeToShard(r -> r.consumerARN(consumerArn)
                    .shardId("shardId-000000000000").startingPosition(p -> p.type(
                            software.amazon.awssdk.services.kinesis.model.ShardIteratorType.LATEST)), handler);
            sleep(3_500); // three times every timeout, with no request on the connection but the subscription
            assertThat(subscription).isNotDone();
            kinesis.putRecord(r -> r.streamName("efo-timeouts").partitionKey("k")
                    .data(software.amazon.awssdk.core.SdkBytes.fromUtf8String("still subscribed")));
            assertThat(data.poll(15, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("still subscribed");
            subscription.cancel(true);
        }
    }

    private static String awaitActive(software.amazon.awssdk.services.kinesis.KinesisClient kinesis, String name) {
        while (kinesis.describeStreamSummary(r -> r.streamName(name)).streamDescriptionSummary().streamStatus()
                != software.amazon.awssdk.services.kinesis.model.StreamStatus.ACTIVE) {
            sleep(20);
        }
        return kinesis.describeStreamSummary(r -> r.streamName(name)).streamDescriptionSummary().streamARN();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
