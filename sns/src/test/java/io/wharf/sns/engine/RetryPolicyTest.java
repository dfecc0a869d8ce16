package io.wharf.sns.engine;

import io.wharf.protocol.AwsException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The delivery policy's four phases, the backoff curves, the effective policy and the validation. */
class RetryPolicyTest {

    @Test
    void theDefaultHttpPolicyIsThreeRetriesTwentySecondsApart() {
        assertThat(RetryPolicy.HTTP_DEFAULT.delaysMillis()).containsExactly(20_000, 20_000, 20_000);
    }

    @Test
    void phasesComeInOrderAndTheBackoffRisesFromMinToMax() {
        RetryPolicy p = new RetryPolicy(2, 20, 10, 2, 2, 2, "linear", 0, RetryPolicy.DEFAULT_CONTENT_TYPE);
        long[] delays = p.delaysMillis();
        assertThat(delays).hasSize(10);
        assertThat(Arrays.copyOfRange(delays, 0, 2)).containsExactly(0, 0);
        assertThat(Arrays.copyOfRange(delays, 2, 4)).containsExactly(2_000, 2_000);
        assertThat(Arrays.copyOfRange(delays, 4, 8)).containsExactly(6_500, 11_000, 15_500, 20_000);
        assertThat(Arrays.copyOfRange(delays, 8, 10)).containsExactly(20_000, 20_000);
    }

    @Test
    void everyBackoffFunctionIsMonotoneAndEndsAtTheMaximum() {
        for (String function : new String[] {"linear", "arithmetic", "geometric", "exponential"}) {
            long[] delays = new RetryPolicy(1, 100, 8, 0, 0, 0, function, 0, RetryPolicy.DEFAULT_CONTENT_TYPE)
                    .delaysMillis();
            assertThat(delays).as(function).isSorted();
            assertThat(delays[0]).as(function).isGreaterThan(1_000);
            assertThat(delays[7]).as(function).isEqualTo(100_000);
        }
        long[] linear = new RetryPolicy(1, 100, 8, 0, 0, 0, "linear", 0, "").delaysMillis();
        long[] exponential = new RetryPolicy(1, 100, 8, 0, 0, 0, "exponential", 0, "").delaysMillis();
        assertThat(exponential[3]).isLessThan(linear[3]); // exponential waits longest to grow
    }

    @Test
    void theSubscriptionOverridesTheTopicUnlessTheTopicSaysNo() {
        String topic = "{\"http\":{\"defaultHealthyRetryPolicy\":{\"minDelayTarget\":5,\"maxDelayTarget\":5,"
                + "\"numRetries\":4},\"defaultRequestPolicy\":{\"headerContentType\":\"application/json\"}}}";
        String own = "{\"healthyRetryPolicy\":{\"minDelayTarget\":1,\"maxDelayTarget\":2,\"numRetries\":1},"
                + "\"throttlePolicy\":{\"maxReceivesPerSecond\":3}}";
        RetryPolicy effective = RetryPolicy.effective(topic, own);
        assertThat(effective.numRetries()).isEqualTo(1);
        assertThat(effective.maxReceivesPerSecond()).isEqualTo(3);
        assertThat(effective.contentType()).isEqualTo("application/json");
        RetryPolicy locked = RetryPolicy.effective(topic.replace("}}}", "},\"disableSubscriptionOverrides\":true}}"),
                own);
        assertThat(locked.numRetries()).isEqualTo(4);
        assertThat(RetryPolicy.effective(null, null)).isEqualTo(RetryPolicy.HTTP_DEFAULT);
        assertThat(RetryPolicy.fromJson(effective.toJson())).isEqualTo(effective);
    }

    @Test
    void invalidPoliciesAreRefusedWithTheAttributeNamed() {
        for (String bad : new String[] {"[]", "{\"healthyRetryPolicy\":{\"minDelayTarget\":0}}",
                "{\"healthyRetryPolicy\":{\"numRetries\":3,\"numNoDelayRetries\":2,\"numMaxDelayRetries\":2}}",
                "{\"throttlePolicy\":{\"maxReceivesPerSecond\":0}}",
                "{\"requestPolicy\":{\"headerContentType\":\"nonsense\"}}"}) {
            assertThatThrownBy(() -> RetryPolicy.validateSubscriptionPolicy(bad, ""))
                    .as(bad).isInstanceOf(AwsException.class).hasMessageStartingWith("Invalid parameter: DeliveryPolicy: ");
        }
        RetryPolicy.validateSubscriptionPolicy("{\"healthyRetryPolicy\":{\"minDelayTarget\":1,\"maxDelayTarget\":3600,"
                + "\"numRetries\":1}}", "");
        RetryPolicy.validateTopicPolicy("{\"http\":{\"defaultHealthyRetryPolicy\":{\"numRetries\":0}}}", "");
    }
}
