package io.wharf.it.sqs;

import io.wharf.testkit.WharfServerExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One Wharf per test class (in-process, ephemeral port, in-memory store, AWS's waiting periods on),
 * with the SDK's sync (Apache) and async (Netty) clients pointed at it; MD5 validation stays on.
 */
abstract class SqsTestBase {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    @RegisterExtension
    static final WharfServerExtension WHARF = WharfServerExtension.builder().build();

    protected SqsClient sqs;
    protected SqsAsyncClient sqsAsync;

    @BeforeEach
    void clients() {
        sqs = WHARF.sqs();
        sqsAsync = WHARF.sqsAsync();
    }

    protected String endpoint() {
        return WHARF.endpoint().toString();
    }

    /** A queue name no other test uses. */
    protected static String unique(String base) {
        return base + "-" + COUNTER.incrementAndGet() + "-" + Long.toString(System.nanoTime() % 1_000_000, 36);
    }

    /** Creates a fresh standard queue and returns its URL. */
    protected String queue(String base) {
        String name = unique(base);
        return sqs.createQueue(r -> r.queueName(name)).queueUrl();
    }

    protected String attribute(String url, QueueAttributeName name) {
        return sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(name)).attributesAsStrings()
                .get(name.toString());
    }
}
