package io.wharf.it.http;

import io.wharf.testkit.Clients;
import io.wharf.testkit.WharfServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
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
 * progress) are never cut, over HTTP/1.1 and as HTTP/2 streams, and a connection the server closed for idling is
 * simply replaced by the SDK.
 */
class ConnectionLimitsIT {
    @RegisterExtension
    static final WharfServerExtension WHARF = WharfServerExtension.builder().configure(c -> c
            .idleTimeout(Duration.ofSeconds(1)).headerTimeout(Duration.ofSeconds(1)).bodyTimeout(Duration.ofSeconds(1)))
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

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
