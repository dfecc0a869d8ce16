package io.wharf.firehose.engine;

import io.wharf.protocol.AwsException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** AWS's object names and prefix rules, with the examples of "Custom Prefixes for Amazon S3 Objects". */
class ObjectKeysTest {
    static final Instant AT = Instant.parse("2018-08-27T10:30:00Z");

    @Test
    void noPrefixIsTheHourPath() {
        assertThat(ObjectKeys.evaluate(null, AT, ZoneOffset.UTC, Map.of(), () -> "r")).isEqualTo("2018/08/27/10/");
    }

    @Test
    void timestampExpressionsFromAwsExamples() {
        assertThat(ObjectKeys.evaluate("myPrefix/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/"
                + "hour=!{timestamp:HH}/", AT, ZoneOffset.UTC, Map.of(), () -> "r"))
                .isEqualTo("myPrefix/year=2018/month=08/day=27/hour=10/");
        assertThat(ObjectKeys.evaluate("myPrefix/!{timestamp:yyyy'-'MM'-'dd}/", AT, ZoneOffset.UTC, Map.of(),
                () -> "r")).isEqualTo("myPrefix/2018-08-27/");
    }

    @Test
    void aPrefixWithoutTimestampGetsTheHourPathAppended() {
        assertThat(ObjectKeys.evaluate("myFirehosePrefix/", AT, ZoneOffset.UTC, Map.of(), () -> "r"))
                .isEqualTo("myFirehosePrefix/2018/08/27/10/");
        assertThat(ObjectKeys.evaluate("x/!{firehose:random-string}/", AT, ZoneOffset.UTC, Map.of(),
                () -> "046b6c7f-0b")).isEqualTo("x/046b6c7f-0b/2018/08/27/10/");
    }

    @Test
    void customTimeZone() {
        ZoneId tokyo = ObjectKeys.zone("Asia/Tokyo");
        assertThat(ObjectKeys.evaluate(null, AT, tokyo, Map.of(), () -> "r")).isEqualTo("2018/08/27/19/");
        assertThat(ObjectKeys.objectKey("p/", "s", 3, AT, tokyo, new UUID(0, 1), ".gz"))
                .isEqualTo("p/s-3-2018-08-27-19-30-00-00000000-0000-0000-0000-000000000001.gz");
        assertThatThrownBy(() -> ObjectKeys.zone("Mars/Olympus")).isInstanceOf(AwsException.class);
    }

    @Test
    void partitionKeys() {
        String prefix = "customer_id=!{partitionKeyFromQuery:customer_id}/device=!{partitionKeyFromLambda:device}/"
                + "year=!{timestamp:yyyy}/";
        assertThat(ObjectKeys.evaluate(prefix, AT, ZoneOffset.UTC, Map.of("partitionKeyFromQuery:customer_id", "12",
                "partitionKeyFromLambda:device", "mobile"), () -> "r")).isEqualTo("customer_id=12/device=mobile/year=2018/");
        assertThat(ObjectKeys.evaluate(prefix, AT, ZoneOffset.UTC, Map.of(), () -> "r")).isNull();
    }

    @Test
    void errorOutputPrefix() {
        assertThat(ObjectKeys.evaluateError(null, "myFirehoseFailures/!{firehose:error-output-type}/",
                "processing-failed", AT, ZoneOffset.UTC, () -> "r"))
                .isEqualTo("myFirehoseFailures/processing-failed/2018/08/27/10/");
        assertThat(ObjectKeys.evaluateError("logs/", null, "processing-failed", AT, ZoneOffset.UTC, () -> "r"))
                .isEqualTo("logs/processing-failed/2018/08/27/10/");
    }

    @Test
    void awsValidationRules() {
        ObjectKeys.validate(null, null, false);
        ObjectKeys.validate("a/", null, false);
        ObjectKeys.validate("a/!{timestamp:yyyy}/", "e/!{firehose:error-output-type}/", false);
        assertRule(() -> ObjectKeys.validate("a/!{timestamp:yyyy}/", null, false),
                "Ths supplied prefix(es) do not satisfy the following constraint: ErrorOutputPrefix cannot be null or "
                        + "empty when Prefix contains expressions");
        assertRule(() -> ObjectKeys.validate("a/!{firehose:error-output-type}/", "e/", false), "not allowed in Prefix");
        assertRule(() -> ObjectKeys.validate("a/!{nope:x}/", "e/", false), "Unsupported expression namespace");
        assertRule(() -> ObjectKeys.validate("a/!{timestamp", "e/", false), "valid expression");
        assertRule(() -> ObjectKeys.validate("a/", "e/!{timestamp:yyyy}/", false), "error-output-type");
        assertRule(() -> ObjectKeys.validate("a/!{partitionKeyFromQuery:k}/", "e/!{firehose:error-output-type}/",
                false), "dynamic partitioning");
        assertRule(() -> ObjectKeys.validate("a/", "e/!{firehose:error-output-type}/", true), "dynamic partitioning");
        assertRule(() -> ObjectKeys.validate("a/!{partitionKeyFromQuery:k}/",
                "e/!{firehose:error-output-type}/!{partitionKeyFromQuery:k}/", true), "not allowed in ErrorOutputPrefix");
    }

    private static void assertRule(Runnable call, String text) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(AwsException.class, e -> {
            assertThat(e.code()).isEqualTo("InvalidArgumentException");
            assertThat(e.getMessage()).contains(text);
        });
    }
}
