package io.wharf.it.input;

import io.wharf.testkit.Clients;
import io.wharf.testkit.WharfServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A credential scope naming a region that is not shaped like one never reaches an ARN or a URL: SDK clients built
 * with such a region are refused with the verifier's error, over Query (SNS), JSON (SQS) and CBOR (Kinesis), with
 * authentication off (this server's mode).
 */
class RegionsIT {
    @RegisterExtension
    static final WharfServerExtension WHARF = WharfServerExtension.builder().build();

    private static final Region BAD = Region.of("us-east-1.evil.example");

    private static void refused(Runnable call, int status, String code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(AwsServiceException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(status);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.awsErrorDetails().errorMessage())
                    .isEqualTo("Credential should be scoped to a valid region, not 'us-east-1.evil.example'. ");
        });
    }

    @Test
    void malformedRegionsAreRefusedByEveryProtocol() {
        try (SqsClient sqs = Clients.sqsBuilder(WHARF.endpoint()).region(BAD).build();
             SnsClient sns = Clients.snsBuilder(WHARF.endpoint()).region(BAD).build();
             KinesisClient kinesis = Clients.kinesisBuilder(WHARF.endpoint()).region(BAD).build()) {
            refused(() -> sqs.createQueue(r -> r.queueName("region-" + System.nanoTime())), 403,
                    "SignatureDoesNotMatch");
            refused(() -> sns.createTopic(r -> r.name("region-" + System.nanoTime())), 403, "SignatureDoesNotMatch");
            refused(() -> kinesis.listStreams(r -> { }), 400, "InvalidSignatureException");
        }
        // nothing was created under that region
        assertThat(WHARF.sqs().listQueues(r -> r.queueNamePrefix("region-")).queueUrls()).isEmpty();
    }
}
