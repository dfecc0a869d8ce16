package io.wharf.it.sse;

import io.wharf.server.Wharf;
import io.wharf.server.config.WharfConfig;
import io.wharf.testkit.Clients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.EncryptionType;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A customer managed KMS key that is disabled (DisableKey through the SDK) makes SQS, SNS and Kinesis refuse writes
 * and reads of data encrypted under it with each service's KMS error, through the SDK; enabled again, everything
 * written before reads back and writes work. As on AWS, a data key in use stays usable for its reuse period after the
 * key is disabled; a restart forgets cached data keys, so the second run sees the disabled key at once.
 */
class KmsKeyStateIT {
    @TempDir
    Path dataDir;

    private Wharf start() {
        return Wharf.start(WharfConfig.builder().port(0).dataDir(dataDir).kinesisTransitionMillis(0).build());
    }

    private static <E extends AwsServiceException> E refused(Class<E> type, Runnable call) {
        E e = catchThrowableOfType(type, call::run);
        assertThat(e).as("expected " + type.getSimpleName()).isNotNull();
        assertThat(e.statusCode()).isEqualTo(400);
        return e;
    }

    private void run(Consumer<Clients3> body) {
        try (Wharf wharf = start()) {
            URI endpoint = URI.create(wharf.endpoint());
            try (SqsClient sqs = Clients.sqs(endpoint); SnsClient sns = Clients.sns(endpoint);
                 KinesisClient kinesis = Clients.kinesis(endpoint); KmsClient kms = Clients.kms(endpoint)) {
                body.accept(new Clients3(sqs, sns, kinesis, kms));
            }
        }
    }

    private record Clients3(SqsClient sqs, SnsClient sns, KinesisClient kinesis, KmsClient kms) {
    }

    private static String firstRecord(KinesisClient kinesis) {
        String iterator = kinesis.getShardIterator(r -> r.streamName("s").shardId("shardId-000000000000")
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        return kinesis.getRecords(r -> r.shardIterator(iterator)).records().get(0).data().asUtf8String();
    }

    @Test
    void aDisabledKeyIsEachServicesKmsErrorAndEnablingItAgainLosesNothing() {
        String[] urls = new String[1];
        String[] topic = new String[1];
        String[] key = new String[1];
        run(c -> {
            key[0] = c.kms().createKey(r -> r.description("sse test")).keyMetadata().keyId();
            String keyId = key[0];
            urls[0] = c.sqs().createQueue(r -> r.queueName("q").attributesWithStrings(Map.of("KmsMasterKeyId", keyId)))
                    .queueUrl();
            c.sqs().sendMessage(r -> r.queueUrl(urls[0]).messageBody("before"));
            topic[0] = c.sns().createTopic(r -> r.name("t").attributes(Map.of("KmsMasterKeyId", keyId))).topicArn();
            c.sns().publish(r -> r.topicArn(topic[0]).message("published before"));
            c.kinesis().createStream(r -> r.streamName("s").shardCount(1));
            c.kinesis().startStreamEncryption(r -> r.streamName("s").encryptionType(EncryptionType.KMS).keyId(keyId));
            c.kinesis().putRecord(r -> r.streamName("s").partitionKey("k").data(SdkBytes.fromUtf8String("before")));
            assertThat(c.sqs().getQueueAttributes(r -> r.queueUrl(urls[0]).attributeNamesWithStrings("All"))
                    .attributesAsStrings()).containsEntry("KmsMasterKeyId", keyId)
                    .containsEntry("KmsDataKeyReusePeriodSeconds", "300").containsEntry("SqsManagedSseEnabled", "false");
            assertThat(c.kinesis().describeStreamSummary(r -> r.streamName("s")).streamDescriptionSummary())
                    .satisfies(s -> {
                        assertThat(s.encryptionType()).isEqualTo(EncryptionType.KMS);
                        assertThat(s.keyId()).isEqualTo(keyId);
                    });

            c.kms().disableKey(r -> r.keyId(keyId));
            // the queue's data key is cached for its reuse period (300 s): AWS's SQS keeps using it too
            c.sqs().sendMessage(r -> r.queueUrl(urls[0]).messageBody("cached"));
        });

        String keyId = key[0];
        run(c -> {
            var send = refused(software.amazon.awssdk.services.sqs.model.KmsDisabledException.class,
                    () -> c.sqs().sendMessage(r -> r.queueUrl(urls[0]).messageBody("refused")));
            assertThat(send.awsErrorDetails().errorCode()).isEqualTo("KMS.DisabledException");
            assertThat(send.awsErrorDetails().errorMessage()).contains(keyId);
            refused(software.amazon.awssdk.services.sqs.model.KmsDisabledException.class,
                    () -> c.sqs().receiveMessage(r -> r.queueUrl(urls[0])));

            var publish = refused(software.amazon.awssdk.services.sns.model.KmsDisabledException.class,
                    () -> c.sns().publish(r -> r.topicArn(topic[0]).message("refused")));
            assertThat(publish.awsErrorDetails().errorCode()).isEqualTo("KMSDisabled");

            var put = refused(software.amazon.awssdk.services.kinesis.model.KmsDisabledException.class,
                    () -> c.kinesis().putRecord(r -> r.streamName("s").partitionKey("k")
                            .data(SdkBytes.fromUtf8String("refused"))));
            assertThat(put.awsErrorDetails().errorCode()).isEqualTo("KMSDisabledException");
            refused(software.amazon.awssdk.services.kinesis.model.KmsDisabledException.class,
                    () -> firstRecord(c.kinesis()));
            c.kinesis().createStream(r -> r.streamName("other").shardCount(1));
            refused(software.amazon.awssdk.services.kinesis.model.KmsDisabledException.class,
                    () -> c.kinesis().startStreamEncryption(r -> r.streamName("other")
                            .encryptionType(EncryptionType.KMS).keyId(keyId)));
            refused(software.amazon.awssdk.services.kinesis.model.KmsNotFoundException.class,
                    () -> c.kinesis().startStreamEncryption(r -> r.streamName("other")
                            .encryptionType(EncryptionType.KMS).keyId("alias/does-not-exist")));

            c.kms().enableKey(r -> r.keyId(keyId));
            List<Message> before = c.sqs().receiveMessage(r -> r.queueUrl(urls[0]).maxNumberOfMessages(10)).messages();
            assertThat(before).extracting(Message::body).containsExactlyInAnyOrder("before", "cached");
            c.sqs().sendMessage(r -> r.queueUrl(urls[0]).messageBody("after"));
            assertThat(c.sqs().receiveMessage(r -> r.queueUrl(urls[0])).messages()).extracting(Message::body)
                    .containsExactly("after");
            c.sns().publish(r -> r.topicArn(topic[0]).message("published after"));
            assertThat(firstRecord(c.kinesis())).isEqualTo("before");
            c.kinesis().putRecord(r -> r.streamName("s").partitionKey("k").data(SdkBytes.fromUtf8String("after")));
        });
    }
}
