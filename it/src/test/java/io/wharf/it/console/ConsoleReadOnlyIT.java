package io.wharf.it.console;

import io.wharf.testkit.Clients;
import io.wharf.testkit.WharfServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's read-only pages in a real browser, without authentication: a bucket with objects, a DynamoDB table, a
 * CloudWatch alarm and a Firehose delivery stream made through the SDK, then found by clicking from the navigation.
 * Screenshots go to {@code target/console-screenshots/}.
 */
class ConsoleReadOnlyIT {
    @RegisterExtension
    static final WharfServerExtension WHARF = WharfServerExtension.builder().relaxed(true)
            .configure(c -> c.firehoseTransitionMillis(0)).build();

    private static Browser browser;

    @BeforeAll
    static void openBrowser() {
        browser = Browser.open();
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    private static String console(String path) {
        return WHARF.endpoint() + "/_wharf/console" + path;
    }

    @Test
    void bucketsListTheirObjectsUnderAPrefix() {
        try (S3Client s3 = Clients.s3(WHARF.endpoint())) {
            s3.createBucket(r -> r.bucket("console-photos"));
            s3.putObject(r -> r.bucket("console-photos").key("2024/<cat>.jpg"), RequestBody.fromString("meow"));
            s3.putObject(r -> r.bucket("console-photos").key("2024/dog.jpg"), RequestBody.fromString("woof!"));
            s3.putObject(r -> r.bucket("console-photos").key("2025/bird.jpg"), RequestBody.fromString("tweet"));
            String etag = s3.headObject(r -> r.bucket("console-photos").key("2024/dog.jpg")).eTag();

            browser.get(console("/queues"));
            browser.find("header nav a[href*='/buckets']").click();
            browser.waitForTextContaining("h1", "Buckets");
            assertThat(browser.text("tr[data-bucket='console-photos']")).contains("us-east-1");
            browser.screenshot("buckets");

            browser.find("tr[data-bucket='console-photos'] a").click();
            browser.waitForTextContaining("h1", "Bucket console-photos");
            assertThat(browser.driver.findElements(By.cssSelector("#objects tr[data-key]"))).hasSize(3);
            assertThat(browser.text("tr[data-key='2024/dog.jpg']")).contains("5").contains(etag);
            assertThat(browser.text("tr[data-key='2024/<cat>.jpg']")).contains("2024/<cat>.jpg"); // escaped, as text

            browser.find("#prefix").sendKeys("2025/");
            browser.find("#filter").click();
            browser.waitFor("the filtered listing", d ->
                    d.findElements(By.cssSelector("#objects tr[data-key]")).size() == 1);
            assertThat(browser.text("#objects tbody")).contains("2025/bird.jpg").doesNotContain("dog");
            browser.screenshot("bucket");

            browser.get(console("/bucket?name=console-missing"));
            browser.waitForTextContaining("#error", "NoSuchBucket");
        }
    }

    @Test
    void tablesShowStatusItemsKeysAndIndexes() {
        try (DynamoDbClient dynamo = Clients.dynamoDb(WHARF.endpoint())) {
            dynamo.createTable(r -> r.tableName("console-orders").billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                            a -> a.attributeName("sk").attributeType(ScalarAttributeType.N),
                            a -> a.attributeName("status").attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH),
                            k -> k.attributeName("sk").keyType(KeyType.RANGE))
                    .globalSecondaryIndexes(g -> g.indexName("by-status")
                            .keySchema(k -> k.attributeName("status").keyType(KeyType.HASH))
                            .projection(p -> p.projectionType(ProjectionType.ALL))));
            for (int i = 0; i < 3; i++) {
                String n = Integer.toString(i);
                dynamo.putItem(r -> r.tableName("console-orders").item(Map.of("pk", AttributeValue.fromS("o"),
                        "sk", AttributeValue.fromN(n), "status", AttributeValue.fromS("open"))));
            }

            browser.get(console("/queues"));
            browser.find("header nav a[href*='/tables']").click();
            browser.waitForTextContaining("h1", "Tables");
            String row = browser.text("tr[data-table='console-orders']");
            assertThat(row).contains("ACTIVE").contains("3").contains("pk (HASH), sk (RANGE)").contains("by-status");
            browser.screenshot("tables");

            browser.find("tr[data-table='console-orders'] a").click();
            browser.waitForTextContaining("h1", "Table console-orders");
            assertThat(browser.text("#table-items")).isEqualTo("3");
            assertThat(browser.text("#table-keys")).isEqualTo("pk (HASH), sk (RANGE)");
            assertThat(browser.text("tr[data-index='by-status']")).contains("global").contains("status (HASH)")
                    .contains("ALL");
            browser.screenshot("table");
        }
    }

    @Test
    void alarmsShowStateReasonAndHistory() {
        try (CloudWatchClient cloudWatch = Clients.cloudWatch(WHARF.endpoint())) {
            // missing data ignored: the state set below stays until data comes
            cloudWatch.putMetricAlarm(r -> r.alarmName("console-dlq").namespace("Shop").metricName("Depth")
                    .statistic(Statistic.MAXIMUM).period(60).evaluationPeriods(1).threshold(5.0)
                    .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                    .treatMissingData("ignore"));
            cloudWatch.setAlarmState(r -> r.alarmName("console-dlq").stateValue(StateValue.ALARM)
                    .stateReason("set by <the test>"));

            browser.get(console("/queues"));
            browser.find("header nav a[href*='/alarms']").click();
            browser.waitForTextContaining("h1", "Alarms");
            String row = browser.text("tr[data-alarm='console-dlq']");
            assertThat(row).contains("ALARM").contains("set by <the test>").contains("Shop Depth (Maximum, 60 s)")
                    .contains(">= 5");
            browser.screenshot("alarms");

            browser.find("tr[data-alarm='console-dlq'] a").click();
            browser.waitForTextContaining("h1", "Alarm console-dlq");
            assertThat(browser.text("#alarm-state")).isEqualTo("ALARM");
            List<String> history = browser.driver.findElements(By.cssSelector("#history tbody tr")).stream()
                    .map(e -> e.getText()).toList();
            assertThat(history).anySatisfy(h -> assertThat(h).contains("StateUpdate").contains("to ALARM"));
            assertThat(history).anySatisfy(h -> assertThat(h).contains("ConfigurationUpdate"));
            browser.screenshot("alarm");

            browser.get(console("/alarm?name=console-none"));
            browser.waitForTextContaining("#error", "No alarm named console-none");
        }
    }

    @Test
    void deliveryStreamsShowSourceDestinationAndCounters() {
        try (FirehoseClient firehose = Clients.firehose(WHARF.endpoint());
             S3Client s3 = Clients.s3(WHARF.endpoint())) {
            s3.createBucket(r -> r.bucket("console-lake"));
            firehose.createDeliveryStream(r -> r.deliveryStreamName("console-logs")
                    .extendedS3DestinationConfiguration(d -> d.roleARN("arn:aws:iam::000000000000:role/firehose")
                            .bucketARN("arn:aws:s3:::console-lake")
                            .bufferingHints(h -> h.sizeInMBs(64).intervalInSeconds(900))));
            firehose.putRecord(r -> r.deliveryStreamName("console-logs")
                    .record(x -> x.data(SdkBytes.fromUtf8String("hello"))));

            browser.get(console("/queues"));
            browser.find("header nav a[href*='/delivery-streams']").click();
            browser.waitForTextContaining("h1", "Delivery streams");
            assertThat(browser.text("tr[data-delivery-stream='console-logs']")).contains("ACTIVE")
                    .contains("Direct PUT").contains("ExtendedS3 arn:aws:s3:::console-lake");
            browser.screenshot("delivery-streams");

            browser.find("tr[data-delivery-stream='console-logs'] a").click();
            browser.waitForTextContaining("h1", "Delivery stream console-logs");
            String counters = browser.text("#counters");
            assertThat(counters).contains("Records in\n1").contains("Bytes in\n5").contains("Records buffered\n1");
            browser.screenshot("delivery-stream");
        }
    }
}
