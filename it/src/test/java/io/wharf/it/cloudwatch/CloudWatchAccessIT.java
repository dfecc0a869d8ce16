package io.wharf.it.cloudwatch;

import io.wharf.protocol.auth.AuthMode;
import io.wharf.testkit.Clients;
import io.wharf.testkit.WharfServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * With {@code --auth enforce}, CloudWatch calls need {@code cloudwatch:<Action>} on {@code *} (metrics have no ARN),
 * and PutMetricData offers the {@code cloudwatch:namespace} condition key; the alarm actions that name alarms are on
 * the alarm's ARN.
 */
class CloudWatchAccessIT {
    @RegisterExtension
    static final WharfServerExtension WHARF = WharfServerExtension.builder().auth(AuthMode.ENFORCE).build();

    private IamClient iam;
    private CloudWatchClient alice;

    @BeforeEach
    void clients() {
        iam = Clients.iam(WHARF.endpoint());
        String name = "alice-" + System.nanoTime();
        iam.createUser(r -> r.userName(name));
        AccessKey key = iam.createAccessKey(r -> r.userName(name)).accessKey();
        alice = Clients.cloudWatchBuilder(WHARF.endpoint()).credentialsProvider(StaticCredentialsProvider.create(
                AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()))).build();
        iam.putUserPolicy(r -> r.userName(name).policyName("metrics").policyDocument("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"cloudwatch:PutMetricData",
                 "Resource":"*","Condition":{"StringEquals":{"cloudwatch:namespace":"Allowed"}}},
                 {"Effect":"Allow","Action":["cloudwatch:PutMetricAlarm","cloudwatch:DeleteAlarms"],
                  "Resource":"arn:aws:cloudwatch:*:*:alarm:team-*"}]}"""));
    }

    @AfterEach
    void close() {
        alice.close();
        iam.close();
    }

    private static void denied(Runnable call, String action) {
        CloudWatchException e = catchThrowableOfType(CloudWatchException.class, call::run);
        assertThat(e).as("expected AccessDenied").isNotNull();
        assertThat(e.statusCode()).isEqualTo(403);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
        assertThat(e.awsErrorDetails().errorMessage()).contains("is not authorized to perform: " + action);
    }

    @Test
    void signaturesAreVerifiedOverRpcV2Cbor() {
        try (CloudWatchClient wrongSecret = Clients.cloudWatchBuilder(WHARF.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(Clients.ACCESS_KEY_ID, "not-the-secret"))).build();
             CloudWatchClient unknownKey = Clients.cloudWatchBuilder(WHARF.endpoint())
                     .credentialsProvider(StaticCredentialsProvider.create(
                             AwsBasicCredentials.create("AKIAUNKNOWNKEY000000", "secret"))).build()) {
            CloudWatchException mismatch = catchThrowableOfType(CloudWatchException.class,
                    () -> wrongSecret.listMetrics());
            assertThat(mismatch.statusCode()).isEqualTo(403);
            assertThat(mismatch.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
            CloudWatchException unknown = catchThrowableOfType(CloudWatchException.class, () -> unknownKey.listMetrics());
            assertThat(unknown.statusCode()).isEqualTo(403);
            assertThat(unknown.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId");
        }
    }

    @Test
    void actionsOnAnyResourceWithTheNamespaceConditionKey() {
        alice.putMetricData(r -> r.namespace("Allowed").metricData(MetricDatum.builder().metricName("m").value(1.0)
                .build()));
        denied(() -> alice.putMetricData(r -> r.namespace("Other").metricData(MetricDatum.builder().metricName("m")
                .value(1.0).build())), "cloudwatch:PutMetricData");
        denied(() -> alice.listMetrics(r -> r.namespace("Allowed")), "cloudwatch:ListMetrics");
        try (CloudWatchClient root = Clients.cloudWatch(WHARF.endpoint())) {
            assertThat(root.listMetrics(r -> r.namespace("Allowed")).metrics()).isNotEmpty();
            assertThat(root.listMetrics(r -> r.namespace("Other")).metrics()).isEmpty();
        }
    }

    @Test
    void alarmActionsAreOnTheAlarmsArn() {
        alice.putMetricAlarm(r -> r.alarmName("team-depth").namespace("Allowed").metricName("m").statistic("Sum")
                .period(60).evaluationPeriods(1).threshold(1.0).comparisonOperator("GreaterThanThreshold"));
        denied(() -> alice.putMetricAlarm(r -> r.alarmName("other-depth").namespace("Allowed").metricName("m")
                .statistic("Sum").period(60).evaluationPeriods(1).threshold(1.0)
                .comparisonOperator("GreaterThanThreshold")), "cloudwatch:PutMetricAlarm");
        denied(() -> alice.deleteAlarms(r -> r.alarmNames("team-depth", "other-depth")), "cloudwatch:DeleteAlarms");
        denied(() -> alice.describeAlarms(), "cloudwatch:DescribeAlarms");
        alice.deleteAlarms(r -> r.alarmNames("team-depth"));
    }
}
