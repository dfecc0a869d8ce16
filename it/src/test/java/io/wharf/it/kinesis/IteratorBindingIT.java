package io.wharf.it.kinesis;

import io.wharf.testkit.Clients;
import io.wharf.testkit.WharfServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A shard iterator reads only the stream it was issued for: with another stream's StreamARN it is refused. */
class IteratorBindingIT {
    @RegisterExtension
    static final WharfServerExtension WHARF = WharfServerExtension.builder()
            .configure(c -> c.kinesisTransitionMillis(0)).build();

    private static KinesisClient kinesis;

    @BeforeAll
    static void client() {
        kinesis = Clients.kinesis(WHARF.endpoint());
    }

    @AfterAll
    static void close() {
        kinesis.close();
    }

    @Test
    void streamOnesIteratorWithStreamTwosArnIsRefused() throws Exception {
        String one = stream("bound-one");
        String two = stream("bound-two");
        kinesis.putRecord(r -> r.streamARN(one).partitionKey("k").data(SdkBytes.fromUtf8String("one's secret")));
        kinesis.putRecord(r -> r.streamARN(two).partitionKey("k").data(SdkBytes.fromUtf8String("two's record")));
        String iterator = kinesis.getShardIterator(r -> r.streamARN(one).shardId("shardId-000000000000")
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();

        assertThatThrownBy(() -> kinesis.getRecords(r -> r.shardIterator(iterator).streamARN(two)))
                .isInstanceOfSatisfying(InvalidArgumentException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidArgumentException");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Invalid ShardIterator.");
                });

        assertThat(kinesis.getRecords(r -> r.shardIterator(iterator).streamARN(one)).records())
                .extracting(Record::data).extracting(SdkBytes::asUtf8String).containsExactly("one's secret");
        assertThat(kinesis.getRecords(r -> r.shardIterator(iterator)).records()).hasSize(1);
    }

    private static String stream(String name) throws InterruptedException {
        kinesis.createStream(r -> r.streamName(name).shardCount(1));
        for (int i = 0; i < 200; i++) {
            var summary = kinesis.describeStreamSummary(r -> r.streamName(name)).streamDescriptionSummary();
            if (summary.streamStatus() == StreamStatus.ACTIVE) {
                return summary.streamARN();
            }
            Thread.sleep(10);
        }
        throw new AssertionError(name + " never became ACTIVE");
    }
}
