package io.wharf.it.mq;

import io.wharf.testkit.Clients;
import io.wharf.testkit.WharfServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.mq.MqClient;
import software.amazon.awssdk.services.mq.model.MqException;

import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** One Wharf per test class and an Amazon MQ client (the AWS SDK for Java v2's) acting as the default account's root. */
abstract class MqTestBase {
    static final String ACCOUNT = "000000000000";
    static final String REGION = "us-east-1";
    static final String PASSWORD = "correct-horse-battery";
    private static final AtomicInteger COUNTER = new AtomicInteger();

    @RegisterExtension
    static final WharfServerExtension WHARF = WharfServerExtension.builder().build();

    protected MqClient mq;

    @BeforeEach
    void client() {
        mq = client(WHARF.endpoint());
    }

    @AfterEach
    void closeClient() {
        mq.close();
    }

    @SuppressWarnings("deprecation")
    static MqClient client(URI endpoint) {
        return MqClient.builder().endpointOverride(endpoint).region(Clients.REGION)
                .credentialsProvider(Clients.CREDENTIALS).httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    static String unique(String base) {
        return base + "-" + COUNTER.incrementAndGet() + "-" + Long.toString(System.nanoTime() % 1_000_000, 36);
    }

    /** The error a call answers; the caller checks its code, status, attribute and message. */
    static MqException error(Runnable call) {
        MqException e = catchThrowableOfType(MqException.class, call::run);
        assertThat(e).as("expected an MQ error").isNotNull();
        return e;
    }
}
