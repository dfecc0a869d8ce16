package io.wharf.testkit;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClientBuilder;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.FirehoseClientBuilder;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.IamClientBuilder;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.KmsClientBuilder;
import software.amazon.awssdk.services.kinesis.KinesisClientBuilder;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClientBuilder;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClientBuilder;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.SnsClientBuilder;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClientBuilder;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;

import java.net.InetAddress;
import java.net.URI;

/**
 * AWS SDK for Java v2 clients aimed at a Wharf endpoint, configured the way our suites need them:
 * fixed example credentials, us-east-1, retries off (a retry would hide the first answer, which is the
 * one under test), the HTTP client chosen explicitly (several are on the classpath), and the SDK's own
 * defaults otherwise, MD5 checksum validation of SQS included.
 */
public final class Clients {
    public static final Region REGION = Region.US_EAST_1;
    /** The access key of the default account's root user in test servers that verify signatures. */
    public static final String ACCESS_KEY_ID = "AKIDEXAMPLE";
    /** The secret of every key the testkit gives a server (its root key and the other accounts' keys). */
    public static final String SECRET = "wharf-test-secret";
    /** Further accounts test servers know; each one's root access key id is its own 12-digit id. */
    public static final java.util.List<String> OTHER_ACCOUNTS = java.util.List.of("111111111111", "222222222222");
    public static final AwsCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET));

    /**
     * The root credentials of one of {@link #OTHER_ACCOUNTS} (key id = the account id), which act as that account
     * whether the server checks signatures or not.
     */
    public static AwsCredentialsProvider credentials(String accountId) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accountId, SECRET));
    }

    private Clients() {
    }

    /** A synchronous SQS client on the Apache HTTP client. Close it when done. */
    public static SqsClient sqs(URI endpoint) {
        return sqsBuilder(endpoint).build();
    }

    /** An asynchronous SQS client on the Netty NIO HTTP client. Close it when done. */
    public static SqsAsyncClient sqsAsync(URI endpoint) {
        return sqsAsyncBuilder(endpoint).build();
    }

    /**
     * The builder behind {@link #sqs}, for tests that need one more setting. The SDK marks
     * {@link ApacheHttpClient} (Apache HttpClient 4) deprecated in favour of its Apache 5 client; it is
     * still the most common sync client in the field, which is what our suites should see.
     */
    @SuppressWarnings("deprecation")
    public static SqsClientBuilder sqsBuilder(URI endpoint) {
        return SqsClient.builder()
                .endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(CREDENTIALS)
                .httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
    }

    /** The builder behind {@link #sqsAsync}, for tests that need one more setting. */
    public static SqsAsyncClientBuilder sqsAsyncBuilder(URI endpoint) {
        return SqsAsyncClient.builder()
                .endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(CREDENTIALS)
                .httpClientBuilder(NettyNioAsyncHttpClient.builder())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
    }

    /** A synchronous SNS client on the Apache HTTP client, set up like {@link #sqs}. Close it when done. */
    public static SnsClient sns(URI endpoint) {
        return snsBuilder(endpoint).build();
    }

    /** The builder behind {@link #sns}. */
    @SuppressWarnings("deprecation")
    public static SnsClientBuilder snsBuilder(URI endpoint) {
        return SnsClient.builder()
                .endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(CREDENTIALS)
                .httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
    }

    /**
     * A synchronous IAM client on the Apache HTTP client, set up like {@link #sqs}. IAM is a global service: the SDK
     * signs for {@code aws-global} (us-east-1). Close it when done.
     */
    public static IamClient iam(URI endpoint) {
        return iamBuilder(endpoint).build();
    }

    /** The builder behind {@link #iam}. */
    @SuppressWarnings("deprecation")
    public static IamClientBuilder iamBuilder(URI endpoint) {
        return IamClient.builder()
                .endpointOverride(endpoint)
                .region(Region.AWS_GLOBAL)
                .credentialsProvider(CREDENTIALS)
                .httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
    }

    /** A synchronous STS client on the Apache HTTP client, set up like {@link #sqs}. Close it when done. */
    public static StsClient sts(URI endpoint) {
        return stsBuilder(endpoint).build();
    }

    /** The builder behind {@link #sts}, e.g. to sign with temporary credentials. */
    @SuppressWarnings("deprecation")
    public static StsClientBuilder stsBuilder(URI endpoint) {
        return StsClient.builder()
                .endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(CREDENTIALS)
                .httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
    }

    /** A synchronous DynamoDB client on the Apache HTTP client, set up like {@link #sqs}. Close it when done. */
    public static software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamoDb(URI endpoint) {
        return dynamoDbBuilder(endpoint).build();
    }

    /** The builder behind {@link #dynamoDb}, e.g. to sign as another account or user. */
    @SuppressWarnings("deprecation")
    public static software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder dynamoDbBuilder(URI endpoint) {
        return software.amazon.awssdk.services.dynamodb.DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(CREDENTIALS)
                .httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
    }

    /** A synchronous KMS client on the Apache HTTP client, set up like {@link #sqs}. Close it when done. */
    public static KmsClient kms(URI endpoint) {
        return kmsBuilder(endpoint).build();
    }

    /** The builder behind {@link #kms}, e.g. to sign as another account or user. */
    @SuppressWarnings("deprecation")
    public static KmsClientBuilder kmsBuilder(URI endpoint) {
        return KmsClient.builder()
                .endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(CREDENTIALS)
                .httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
    }

    /**
     * A synchronous Kinesis client on the Apache HTTP client, speaking CBOR ({@code application/x-amz-cbor-1.1},
     * the SDK's default for Kinesis). Close it when done.
     */
    public static KinesisClient kinesis(URI endpoint) {
        return kinesisBuilder(endpoint).build();
    }

    /**
     * The same client with CBOR turned off, so it speaks AWS JSON 1.1. The SDK reads
     * {@code aws.cborEnabled} ({@link SdkSystemSetting#CBOR_ENABLED}) when the client is built, so the property
     * is set around {@code build()} only.
     */
    public static KinesisClient kinesisJson(URI endpoint) {
        return withCborDisabled(() -> kinesisBuilder(endpoint).build());
    }

    /** Runs {@code build} (which builds SDK clients) with CBOR turned off; for clients with more settings. */
    /**
     * An asynchronous Kinesis client on the SDK's Netty client, HTTP/2 as the SDK chooses for Kinesis (h2c with
     * prior knowledge on {@code http://}): what SubscribeToShard and the KCL use. Close it when done.
     */
    public static KinesisAsyncClient kinesisAsync(URI endpoint) {
        return kinesisAsyncBuilder(endpoint).build();
    }

    /** The builder behind {@link #kinesisAsync}. */
    public static KinesisAsyncClientBuilder kinesisAsyncBuilder(URI endpoint) {
        return KinesisAsyncClient.builder()
                .endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(CREDENTIALS)
                .httpClientBuilder(NettyNioAsyncHttpClient.builder())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
    }

    public static <T> T withCborDisabled(java.util.function.Supplier<T> build) {
        synchronized (Clients.class) {
            String property = SdkSystemSetting.CBOR_ENABLED.property();
            String previous = System.getProperty(property);
            System.setProperty(property, "false");
            try {
                return build.get();
            } finally {
                if (previous == null) {
                    System.clearProperty(property);
                } else {
                    System.setProperty(property, previous);
                }
            }
        }
    }

    /** The builder behind {@link #kinesis}. */
    @SuppressWarnings("deprecation")
    public static KinesisClientBuilder kinesisBuilder(URI endpoint) {
        return KinesisClient.builder()
                .endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(CREDENTIALS)
                .httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
    }

    /**
     * A synchronous S3 client on the Apache HTTP client, path-style ({@code http://host:port/bucket/key}), with the
     * SDK's defaults otherwise: flexible checksums ({@code requestChecksumCalculation} WHEN_SUPPORTED, so uploads go
     * as {@code aws-chunked} with a CRC32 trailer), response checksum validation, chunked encoding. Close it when
     * done.
     */
    public static S3Client s3(URI endpoint) {
        return s3Builder(endpoint).build();
    }

    /** The builder behind {@link #s3}, for tests that need one more setting (checksums, chunked encoding). */
    @SuppressWarnings("deprecation")
    public static S3ClientBuilder s3Builder(URI endpoint) {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(CREDENTIALS)
                .forcePathStyle(true)
                .httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
    }

    /**
     * A synchronous S3 client that addresses buckets virtual-host style, as the SDK does by default: the endpoint's
     * host becomes {@code localhost}, so a request for bucket {@code b} goes to {@code http://b.localhost:port/key}.
     * Its HTTP client resolves {@code localhost} and every {@code *.localhost} name to the loopback address itself
     * (RFC 6761 reserves them for that, but not every resolver answers for the subdomains). Close it when done.
     */
    public static S3Client s3VirtualHost(URI endpoint) {
        return s3VirtualHostBuilder(endpoint).build();
    }

    /** The builder behind {@link #s3VirtualHost}. */
    @SuppressWarnings("deprecation")
    public static S3ClientBuilder s3VirtualHostBuilder(URI endpoint) {
        return S3Client.builder()
                .endpointOverride(onLocalhost(endpoint))
                .region(REGION)
                .credentialsProvider(CREDENTIALS)
                .forcePathStyle(false)
                .httpClientBuilder(ApacheHttpClient.builder().dnsResolver(Clients::resolveLocalhost))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
    }

    /**
     * An asynchronous S3 client on the SDK's Netty client (HTTP/1.1; no CRT), path-style, with the SDK's Java
     * multipart support on so that {@link software.amazon.awssdk.transfer.s3.S3TransferManager} splits large
     * uploads into parts. Close it when done.
     */
    public static S3AsyncClient s3Async(URI endpoint) {
        return s3AsyncBuilder(endpoint).build();
    }

    /** The builder behind {@link #s3Async}. */
    public static S3AsyncClientBuilder s3AsyncBuilder(URI endpoint) {
        return S3AsyncClient.builder()
                .endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(CREDENTIALS)
                .forcePathStyle(true)
                .multipartEnabled(true)
                .httpClientBuilder(NettyNioAsyncHttpClient.builder())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
    }

    /** A presigner for path-style URLs on {@code endpoint}, signing as {@link #CREDENTIALS}. Close it when done. */
    public static S3Presigner s3Presigner(URI endpoint) {
        return S3Presigner.builder()
                .endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(CREDENTIALS)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build();
    }

    /** A synchronous Firehose client (AWS JSON 1.1) on the Apache HTTP client, set up like {@link #sqs}. */
    public static FirehoseClient firehose(URI endpoint) {
        return firehoseBuilder(endpoint).build();
    }

    /** The builder behind {@link #firehose}. */
    @SuppressWarnings("deprecation")
    public static FirehoseClientBuilder firehoseBuilder(URI endpoint) {
        return FirehoseClient.builder()
                .endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(CREDENTIALS)
                .httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
    }

    /** {@code endpoint} with its host replaced by {@code localhost} (scheme, port and path kept). */
    public static URI onLocalhost(URI endpoint) {
        try {
            return new URI(endpoint.getScheme(), endpoint.getUserInfo(), "localhost", endpoint.getPort(),
                    endpoint.getPath(), endpoint.getQuery(), endpoint.getFragment());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(endpoint.toString(), e);
        }
    }

    private static InetAddress[] resolveLocalhost(String host) throws java.net.UnknownHostException {
        String name = host.toLowerCase(java.util.Locale.ROOT);
        if (name.equals("localhost") || name.endsWith(".localhost")) {
            return new InetAddress[] {InetAddress.getLoopbackAddress()};
        }
        return InetAddress.getAllByName(host);
    }

    /**
     * A synchronous CloudWatch client on the Apache HTTP client, set up like {@link #sqs}. SDK 2.57.8 speaks Smithy
     * RPC v2 CBOR to CloudWatch (the only protocol it offers for it). Close it when done.
     */
    public static CloudWatchClient cloudWatch(URI endpoint) {
        return cloudWatchBuilder(endpoint).build();
    }

    /** The builder behind {@link #cloudWatch}, e.g. to sign as another account or user. */
    @SuppressWarnings("deprecation")
    public static CloudWatchClientBuilder cloudWatchBuilder(URI endpoint) {
        return CloudWatchClient.builder()
                .endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(CREDENTIALS)
                .httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
    }
}
