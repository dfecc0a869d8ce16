package io.wharf.bench.s3;

import io.wharf.bench.sqs.SqsClients;
import software.amazon.awssdk.services.s3.S3AsyncClient;

import java.net.URI;
import java.time.Duration;

/**
 * The S3 client of every scenario: the SDK v2 async client on Netty with the settings of the other scenarios
 * (HTTP/1.1 keep-alive, static credentials, us-east-1, retries off), path-style addressing ({@code endpoint/bucket/key},
 * what a local endpoint needs), {@code Expect: 100-continue} as {@link S3Settings#expectContinue} says, and otherwise
 * the SDK's defaults — its flexible checksums (CRC32 trailers over
 * {@code aws-chunked}) included, so the client does the work a real one does.
 */
public final class S3Clients {
    /** Large objects take long on a loaded machine; a call past this counts as failed. */
    private static final Duration CALL_TIMEOUT = Duration.ofMinutes(5);

    private S3Clients() {
    }

    public static S3AsyncClient create(URI endpoint, int callers, boolean expectContinue) {
        return SqsClients.configure(S3AsyncClient.builder(), endpoint, callers)
                .forcePathStyle(true)
                .serviceConfiguration(c -> c.expectContinueEnabled(expectContinue))
                .overrideConfiguration(o -> o.retryStrategy(
                                software.amazon.awssdk.awscore.retry.AwsRetryStrategy.doNotRetry())
                        .apiCallTimeout(CALL_TIMEOUT))
                .build();
    }
}
