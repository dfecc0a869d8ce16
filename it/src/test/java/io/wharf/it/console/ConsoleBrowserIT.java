package io.wharf.it.console;

import io.wharf.testkit.Clients;
import io.wharf.testkit.WharfServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console in a real browser, without authentication: resources made through the SDK, then looked at and acted on
 * by clicking — a queue's depth changing live, peek (which changes nothing), send, purge, a dead-letter redrive; a
 * topic's subscriptions and a publish; a stream's shards and its records tailed from TRIM_HORIZON. Screenshots go to
 * {@code target/console-screenshots/}.
 */
class ConsoleBrowserIT {
    @RegisterExtension
    static final WharfServerExtension WHARF = WharfServerExtension.builder().relaxed(true).build();

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
    void theRootSendsABrowserToTheQueuesWhoseDepthChangesLive() {
        SqsClient sqs = WHARF.sqs();
        String url = sqs.createQueue(r -> r.queueName("console-live")).queueUrl();

        browser.get(WHARF.endpoint() + "/");
        browser.waitForTextContaining("h1", "Queues");
        assertThat(browser.driver.getCurrentUrl()).contains("/_wharf/console/queues");
        browser.waitForText("tr[data-queue='console-live'] td.visible", "0");

        sqs.sendMessage(r -> r.queueUrl(url).messageBody("one"));
        sqs.sendMessage(r -> r.queueUrl(url).messageBody("two"));
        browser.waitForText("tr[data-queue='console-live'] td.visible", "2"); // by polling, without a reload
        browser.screenshot("queues");

        browser.find("tr[data-queue='console-live'] a").click();
        browser.waitFor("the queue's chart drawn from the console's samples", d -> {
            var charts = d.findElements(By.cssSelector("section.chart[data-points] canvas"));
            return !charts.isEmpty();
        });
        browser.waitFor("a sample with the two messages", d -> {
            Object visible = ((org.openqa.selenium.JavascriptExecutor) d).executeAsyncScript(
                    "var done = arguments[arguments.length - 1];"
                            + "fetch(document.querySelector('section.chart').dataset.series)"
                            + ".then(r => r.json()).then(s => done(s.v[0][s.v[0].length - 1]), () => done(-1));");
            return visible instanceof Number n && n.longValue() == 2;
        });
        Object sampledAt = ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                        + "fetch(document.querySelector('section.chart').dataset.series)"
                        + ".then(r => r.json()).then(s => done(s.t[s.t.length - 1]), () => done(-1));");
        assertThat(((Number) sampledAt).longValue()).as("a sample's time, in epoch seconds")
                .isBetween(java.time.Instant.now().getEpochSecond() - 120, java.time.Instant.now().getEpochSecond() + 5);
        browser.waitFor("the rates chart's counters: the two sends", d -> {
            Object sent = ((org.openqa.selenium.JavascriptExecutor) d).executeAsyncScript(
                    "var done = arguments[arguments.length - 1];"
                            + "fetch(document.querySelector('#rates-chart').dataset.series)"
                            + ".then(r => r.json()).then(s => done(s.v[0][s.v[0].length - 1]), () => done(-1));");
            return sent instanceof Number n && n.longValue() == 2;
        });
        browser.screenshot("queue-chart");
    }

    @Test
    void peekShowsMessagesWithoutReceivingThemAndSendAndPurgeAct() {
        SqsClient sqs = WHARF.sqs();
        String url = sqs.createQueue(r -> r.queueName("console-actions")).queueUrl();
        sqs.sendMessage(r -> r.queueUrl(url).messageBody("<b>not bold</b> & kept"));

        browser.get(console("/queue?name=console-actions"));
        browser.waitForText("#visible", "1");
        browser.find("#peek").click();
        browser.waitForTextContaining("#peeked-messages", "<b>not bold</b> & kept"); // escaped: shown as text
        assertThat(browser.driver.findElements(By.cssSelector("#peeked-messages b"))).isEmpty();
        assertThat(browser.text("#peeked-messages")).contains("VISIBLE");
        browser.screenshot("queue-peek");
        assertThat(sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.ALL))
                .attributes()).containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "1")
                .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0");

        browser.find("#send-body").sendKeys("from the console");
        browser.find("#send").click();
        browser.waitForTextContaining("#flash", "Sent message");
        browser.waitForText("#visible", "2");
        assertThat(sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)).messages())
                .extracting(m -> m.body()).contains("from the console");

        browser.get(console("/queue?name=console-actions"));
        browser.find("#purge").click();
        browser.waitForTextContaining("#flash", "Purged console-actions");
        browser.waitForText("#visible", "0");
        browser.waitForText("#in-flight", "0");
        browser.screenshot("queue-purged");
        assertThat(sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.ALL))
                .attributes()).containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0");
    }

    @Test
    void aDeadLetterQueueIsRedrivenToItsSource() {
        SqsClient sqs = WHARF.sqs();
        String dlqUrl = sqs.createQueue(r -> r.queueName("console-dlq")).queueUrl();
        String dlqArn = sqs.getQueueAttributes(r -> r.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        String sourceUrl = sqs.createQueue(r -> r.queueName("console-source").attributes(Map.of(
                QueueAttributeName.REDRIVE_POLICY,
                "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"1\"}"))).queueUrl();
        sqs.sendMessage(r -> r.queueUrl(sourceUrl).messageBody("poison"));
        sqs.receiveMessage(r -> r.queueUrl(sourceUrl).visibilityTimeout(0));
        // the second receive moves it to the dead-letter queue (received once already)
        assertThat(sqs.receiveMessage(r -> r.queueUrl(sourceUrl)).messages()).isEmpty();

        browser.get(console("/queue?name=console-dlq"));
        browser.waitForText("#visible", "1");
        assertThat(browser.text(".dlq-source")).isEqualTo("console-source");
        browser.find("#redrive").click();
        browser.waitForTextContaining("#flash", "Started moving");
        browser.screenshot("queue-redrive");
        browser.waitForText("#visible", "0");
        assertThat(sqs.receiveMessage(r -> r.queueUrl(sourceUrl).waitTimeSeconds(5)).messages())
                .extracting(m -> m.body()).containsExactly("poison");
    }

    @Test
    void aTopicShowsItsSubscriptionsAndPublishes() {
        SqsClient sqs = WHARF.sqs();
        String queueUrl = sqs.createQueue(r -> r.queueName("console-subscriber")).queueUrl();
        String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        try (SnsClient sns = Clients.sns(WHARF.endpoint())) {
            String topicArn = sns.createTopic(r -> r.name("console-topic")).topicArn();
            sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(queueArn));
            sns.subscribe(r -> r.topicArn(topicArn).protocol("http").endpoint("http://127.0.0.1:9/never"));

            browser.get(console("/topics"));
            browser.find("tr[data-topic='console-topic'] a").click();
            browser.waitForTextContaining("#subscriptions", queueArn);
            assertThat(browser.text("#subscriptions")).contains("confirmed").contains("pending confirmation");

            browser.find("#publish-subject").sendKeys("hello");
            browser.find("#publish-message").sendKeys("published from the console");
            browser.find("#publish").click();
            browser.waitForTextContaining("#flash", "Published message");
            browser.waitForText("#published", "1");
            browser.waitForTextContaining("#deliveries", "sqs");
            browser.screenshot("topic");
        }
        assertThat(sqs.receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(5)).messages())
                .singleElement().satisfies(m -> assertThat(m.body()).contains("published from the console"));
    }

    @Test
    void aStreamShowsItsShardsAndTailsRecordsFromTrimHorizon() {
        try (KinesisClient kinesis = Clients.kinesis(WHARF.endpoint())) {
            kinesis.createStream(r -> r.streamName("console-stream").shardCount(2));
            waitActive(kinesis);
            for (int i = 0; i < 3; i++) {
                int n = i;
                kinesis.putRecord(r -> r.streamName("console-stream").partitionKey("k")
                        .explicitHashKey("0").data(SdkBytes.fromUtf8String("record-" + n)));
            }

            browser.get(console("/streams"));
            browser.find("tr[data-stream='console-stream'] a").click();
            browser.waitForTextContaining("#shards", "shardId-000000000001");
            assertThat(browser.driver.findElements(By.cssSelector("#shards tbody tr"))).hasSize(2);

            new Select(browser.find("#tail-shard")).selectByValue("shardId-000000000000");
            new Select(browser.find("#tail-type")).selectByValue("TRIM_HORIZON");
            browser.find("#tail").click();
            browser.waitForTextContaining("#record-list", "record-2");
            assertThat(browser.text("#record-list")).contains("record-0").contains("record-1");
            browser.screenshot("stream-tail");

            new Select(browser.find("#tail-type")).selectByValue("LATEST");
            browser.find("#tail").click();
            browser.waitForTextContaining("#records-empty", "LATEST starts after the newest record");
        }
    }

    /** Until the stream is ACTIVE (the SDK's waiter sleeps 10 s between looks). */
    private static void waitActive(KinesisClient kinesis) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (kinesis.describeStreamSummary(r -> r.streamName("console-stream")).streamDescriptionSummary()
                .streamStatus() != software.amazon.awssdk.services.kinesis.model.StreamStatus.ACTIVE) {
            assertThat(System.nanoTime()).as("the stream became ACTIVE").isLessThan(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
