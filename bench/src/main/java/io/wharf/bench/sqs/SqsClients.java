package io.wharf.bench.sqs;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.builder.SdkAsyncClientBuilder;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

import java.net.URI;
import java.time.Duration;

/**
 * The client every SQS scenario uses: SDK v2 async on Netty over HTTP/1.1 keep-alive, what most
 * applications run. Static example credentials and us-east-1 (any SQS endpoint accepts them locally);
 * retries off, so a failure counts once instead of hiding in a slower success; otherwise the SDK's
 * defaults, MD5 checks of bodies included, so the client does the work a real one does.
 */
public final class SqsClients {
    /** A call that takes this long is counted as failed; far above any wait a scenario asks for. */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    /** The example key every bench client signs with (Wharf accepts any key unless --auth enforce names this one). */
    public static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider.create(
            AwsBasicCredentials.create("AKIDEXAMPLE", "bench-secret"));

    private SqsClients() {
    }

    /** @param callers how many calls may be in flight at once; the pool gets room for all of them */
    public static SqsAsyncClient create(URI endpoint, int callers) {
        return configure(SqsAsyncClient.builder(), endpoint, callers).build();
    }

    /** The same settings for any service's async client builder (SNS scenarios use them too). */
    public static <B extends AwsClientBuilder<B, ?> & SdkAsyncClientBuilder<B, ?>> B configure(
            B builder, URI endpoint, int callers) {
        return configure(builder, endpoint, callers, Protocol.HTTP1_1);
    }

    /** The same settings over another HTTP version (Kinesis's SubscribeToShard runs over HTTP/2, as the KCL's). */
    public static <B extends AwsClientBuilder<B, ?> & SdkAsyncClientBuilder<B, ?>> B configure(
            B builder, URI endpoint, int callers, Protocol protocol) {
        NettyNioAsyncHttpClient.Builder http = NettyNioAsyncHttpClient.builder()
                .protocol(protocol)
                .maxConcurrency(Math.max(16, callers * 2))
                .maxPendingConnectionAcquires(10_000)
                .connectionAcquisitionTimeout(CALL_TIMEOUT);
        return builder
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS)
                .httpClientBuilder(http)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallTimeout(CALL_TIMEOUT));
    }
}
