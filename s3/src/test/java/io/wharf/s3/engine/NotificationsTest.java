package io.wharf.s3.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NotificationsTest extends EngineFixture {
    private static final String QUEUE = "arn:aws:sqs:us-east-1:123456789012:events";
    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:events";
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void createBucket() {
        bucket("bkt");
    }

    private static NotificationRule queue(String id, String prefix, String suffix, String... events) {
        return new NotificationRule(id, NotificationRule.Destination.QUEUE, QUEUE, List.of(events), prefix, suffix);
    }

    /** Waits (up to 10 s) for the deliverer, which runs on its own thread. */
    private static void eventually(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 10 s for the event").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private JsonNode lastMessage() throws Exception {
        return JSON.readTree(targets.sent.get(targets.sent.size() - 1)[2]);
    }

    @Test
    void configuringSendsATestEventAndIsKept() throws Exception {
        engine().putNotificationConfiguration("bkt", List.of(queue("q", "in/", null, "s3:ObjectCreated:*")), ME);
        assertThat(targets.sent).hasSize(1);
        JsonNode test = lastMessage();
        assertThat(test.get("Event").asText()).isEqualTo("s3:TestEvent");
        assertThat(test.get("Bucket").asText()).isEqualTo("bkt");
        assertThat(test.get("Service").asText()).isEqualTo("Amazon S3");
        assertThat(targets.sent.get(0)[1]).isEqualTo("arn:aws:s3:::bkt");
        restart();
        assertThat(engine().notificationConfiguration("bkt")).containsExactly(queue("q", "in/", null,
                "s3:ObjectCreated:*"));
        engine().putNotificationConfiguration("bkt", List.of(), ME);
        assertThat(engine().notificationConfiguration("bkt")).isEmpty();
    }

    @Test
    void validationAsAws() {
        assertThat(code(() -> engine().putNotificationConfiguration("bkt",
                List.of(queue("q", null, null, "s3:ObjectCreated:Nope")), ME))).isEqualTo("InvalidArgument");
        assertThat(error(() -> engine().putNotificationConfiguration("bkt", List.of(
                queue("a", "logs/", null, "s3:ObjectCreated:*"), queue("b", "logs/2024/", null,
                        "s3:ObjectCreated:Put")), ME)).getMessage()).startsWith("Configurations overlap");
        // disjoint prefixes or event families do not overlap
        engine().putNotificationConfiguration("bkt", List.of(queue("a", "logs/", null, "s3:ObjectCreated:*"),
                queue("b", "img/", null, "s3:ObjectCreated:*"), queue("c", "logs/", null, "s3:ObjectRemoved:*")), ME);
        targets.refuse = true;
        var refused = error(() -> engine().putNotificationConfiguration("bkt",
                List.of(queue("d", null, null, "s3:ObjectCreated:*")), ME));
        assertThat(refused.code()).isEqualTo("InvalidArgument");
        assertThat(refused.getMessage()).isEqualTo("Unable to validate the following destination configurations");
        assertThat(engine().notificationConfiguration("bkt")).hasSize(3); // unchanged
    }

    @Test
    void eventsFollowAwsShape() throws Exception {
        engine().putNotificationConfiguration("bkt", List.of(
                queue("created", null, ".txt", "s3:ObjectCreated:*"),
                new NotificationRule("removed", NotificationRule.Destination.TOPIC, TOPIC,
                        List.of("s3:ObjectRemoved:Delete"), null, null)), ME);
        targets.sent.clear();
        Objects.PutResult r = put("bkt", "dir/a b.txt", "hello");
        put("bkt", "skipped.bin", "not matched");
        eventually(() -> targets.sent.size() == 1);
        JsonNode record = lastMessage().get("Records").get(0);
        assertThat(record.get("eventVersion").asText()).isEqualTo("2.1");
        assertThat(record.get("eventSource").asText()).isEqualTo("aws:s3");
        assertThat(record.get("awsRegion").asText()).isEqualTo("us-east-1");
        assertThat(record.get("eventName").asText()).isEqualTo("ObjectCreated:Put");
        assertThat(Instant.parse(record.get("eventTime").asText()).toEpochMilli()).isEqualTo(clock.millis());
        assertThat(record.at("/userIdentity/principalId").asText()).isEqualTo(ME.principalId());
        assertThat(record.at("/requestParameters/sourceIPAddress").asText()).isEqualTo("10.0.0.1");
        assertThat(record.at("/responseElements/x-amz-request-id").asText()).isEqualTo("REQ1");
        assertThat(record.at("/s3/configurationId").asText()).isEqualTo("created");
        assertThat(record.at("/s3/bucket/name").asText()).isEqualTo("bkt");
        assertThat(record.at("/s3/bucket/arn").asText()).isEqualTo("arn:aws:s3:::bkt");
        assertThat(record.at("/s3/bucket/ownerIdentity/principalId").asText()).isEqualTo(ACCOUNT);
        assertThat(record.at("/s3/object/key").asText()).isEqualTo("dir/a+b.txt");
        assertThat(record.at("/s3/object/size").asLong()).isEqualTo(5);
        assertThat(record.at("/s3/object/eTag").asText()).isEqualTo(r.etag());
        String putSequencer = record.at("/s3/object/sequencer").asText();

        clock.advance(Duration.ofSeconds(1));
        engine().objects().delete("bkt", "dir/a b.txt", ME);
        eventually(() -> targets.sent.size() == 2);
        assertThat(targets.sent.get(1)[0]).isEqualTo(TOPIC);
        JsonNode removed = lastMessage().get("Records").get(0);
        assertThat(removed.get("eventName").asText()).isEqualTo("ObjectRemoved:Delete");
        assertThat(removed.at("/s3/object/size").isMissingNode()).isTrue();
        assertThat(removed.at("/s3/object/sequencer").asText()).isGreaterThan(putSequencer);
    }

    @Test
    void undeliveredEventsAreDeliveredAfterARestart() throws Exception {
        engine().putNotificationConfiguration("bkt", List.of(queue("all", null, null, "s3:ObjectCreated:*")), ME);
        targets.refuse = true;
        engine().close(); // the deliverer stops: the event stays in the outbox
        put("bkt", "k", "v");
        targets.refuse = false;
        targets.sent.clear();
        restart();
        eventually(() -> targets.sent.size() == 1);
        assertThat(targets.sent.get(0)[2]).contains("ObjectCreated:Put");
    }
}
