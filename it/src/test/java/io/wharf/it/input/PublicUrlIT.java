package io.wharf.it.input;

import io.wharf.testkit.WharfServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --public-url} names every minted URL, whatever the listener or the request's Host header. */
class PublicUrlIT {
    @RegisterExtension
    static final WharfServerExtension WHARF = WharfServerExtension.builder()
            .configure(c -> c.publicUrl("https://sqs.wharf.example:8443/")).build();

    @Test
    void queueUrlsStartWithThePublicUrl() {
        String name = "public-" + System.nanoTime();
        assertThat(WHARF.sqs().createQueue(r -> r.queueName(name)).queueUrl())
                .isEqualTo("https://sqs.wharf.example:8443/000000000000/" + name);
        assertThat(WHARF.sqs().listQueues(r -> r.queueNamePrefix(name)).queueUrls())
                .containsExactly("https://sqs.wharf.example:8443/000000000000/" + name);
    }
}
