package io.wharf.it.sqs;

import io.wharf.testkit.WharfServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.SqsClient;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --relaxed} turns off AWS's waiting periods, and nothing else. */
class RelaxedModeIT {
    @RegisterExtension
    static final WharfServerExtension RELAXED = WharfServerExtension.builder().relaxed(true).build();

    @Test
    void queuesCanBeRecreatedAndPurgedAtOnce() {
        SqsClient sqs = RELAXED.sqs();
        String url = sqs.createQueue(r -> r.queueName("relaxed")).queueUrl();
        sqs.deleteQueue(r -> r.queueUrl(url));
        assertThat(sqs.createQueue(r -> r.queueName("relaxed")).queueUrl()).isEqualTo(url);
        sqs.sendMessage(r -> r.queueUrl(url).messageBody("x"));
        sqs.purgeQueue(r -> r.queueUrl(url));
        sqs.purgeQueue(r -> r.queueUrl(url));
        assertThat(sqs.receiveMessage(r -> r.queueUrl(url)).messages()).isEmpty();
    }
}
