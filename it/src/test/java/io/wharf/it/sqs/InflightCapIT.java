package io.wharf.it.sqs;

import io.wharf.testkit.WharfServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SqsException;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@code --sqs-max-inflight-messages}: the in-flight messages of all queues together are capped (AWS caps each queue
 * only). Through the SDK: a receive gets what still fits, then a standard queue answers 403 OverLimit and a FIFO
 * queue nothing; a delete makes room again; the gauge shows the count; a FIFO long poll at the cap is woken when
 * another queue frees room; messages due for a dead-letter queue move there at the cap.
 */
class InflightCapIT {
    private static final int CAP = 12;

    @RegisterExtension
    static final WharfServerExtension WHARF = WharfServerExtension.builder()
            .configure(config -> config.sqsMaxInflightMessages(CAP)).build();

    private static String filled(SqsClient sqs, String name, int messages) {
        boolean fifo = name.endsWith(".fifo");
        String url = sqs.createQueue(r -> r.queueName(name).attributes(fifo
                ? Map.of(QueueAttributeName.FIFO_QUEUE, "true") : Map.of())).queueUrl();
        for (int i = 0; i < messages; i++) {
            int n = i;
            sqs.sendMessage(r -> {
                r.queueUrl(url).messageBody(name + "-" + n);
                if (fifo) {
                    r.messageGroupId("g" + n).messageDeduplicationId("d" + n);
                }
            });
        }
        return url;
    }

    private static List<Message> receive(SqsClient sqs, String url) {
        return sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)).messages();
    }

    @Test
    void receivesStopAtTheCapOverAllQueuesAndDeletesMakeRoom() throws Exception {
        SqsClient sqs = WHARF.sqs();
        String a = filled(sqs, "cap-a", 10);
        String b = filled(sqs, "cap-b", 10);
        String f = filled(sqs, "cap-f.fifo", 3);

        List<Message> fromA = receive(sqs, a);
        assertThat(fromA).hasSize(10);
        List<Message> fromB = receive(sqs, b);
        assertThat(fromB).as("only what still fits under the cap").hasSize(2);

        SqsException refused = catchThrowableOfType(SqsException.class, () -> receive(sqs, b));
        assertThat(refused).isNotNull();
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("OverLimit");
        assertThat(refused.awsErrorDetails().errorMessage()).isEqualTo(
                "This server holds the maximum number of in flight messages of all queues together (12).");
        assertThat(receive(sqs, f)).as("a FIFO queue at the cap returns nothing, as at its own limit").isEmpty();
        assertThat(sqs.getQueueAttributes(r -> r.queueUrl(b).attributeNames(
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).isEqualTo("8");
        assertThat(gauge()).isEqualTo(12.0);

        sqs.deleteMessage(r -> r.queueUrl(b).receiptHandle(fromB.get(0).receiptHandle()));
        sqs.changeMessageVisibility(r -> r.queueUrl(b).receiptHandle(fromB.get(1).receiptHandle())
                .visibilityTimeout(0));
        assertThat(receive(sqs, f)).as("two places free").hasSize(2);
        assertThat(gauge()).isEqualTo(12.0);

        // a FIFO long poll at the cap is woken when another queue frees room, not only when its own queue changes
        var poll = java.util.concurrent.CompletableFuture.supplyAsync(() -> sqs.receiveMessage(r -> r.queueUrl(f)
                .maxNumberOfMessages(10).waitTimeSeconds(20)).messages());
        Thread.sleep(1_000); // most likely waiting by now; if not, it finds the room at once
        sqs.deleteMessage(r -> r.queueUrl(a).receiptHandle(fromA.get(0).receiptHandle()));
        assertThat(poll.get(60, java.util.concurrent.TimeUnit.SECONDS)).as("woken by room freed on cap-a")
                .extracting(Message::body).containsExactly("cap-f.fifo-2");

        // at the cap, messages due for the dead-letter queue still move there; then the receive refuses
        String dlq = sqs.createQueue(r -> r.queueName("cap-dlq")).queueUrl();
        String source = sqs.createQueue(r -> r.queueName("cap-source").attributesWithStrings(Map.of("RedrivePolicy",
                "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:cap-dlq\",\"maxReceiveCount\":\"1\"}")))
                .queueUrl();
        sqs.sendMessage(r -> r.queueUrl(source).messageBody("due-1"));
        sqs.sendMessage(r -> r.queueUrl(source).messageBody("due-2"));
        sqs.deleteMessage(r -> r.queueUrl(a).receiptHandle(fromA.get(1).receiptHandle()));
        sqs.deleteMessage(r -> r.queueUrl(a).receiptHandle(fromA.get(2).receiptHandle()));
        assertThat(sqs.receiveMessage(r -> r.queueUrl(source).maxNumberOfMessages(10).visibilityTimeout(0)).messages())
                .as("received once each, visible again at once").hasSize(2);
        assertThat(count(sqs, source)).isEqualTo("2");
        assertThat(receive(sqs, b)).as("the cap full again").hasSize(2);
        assertThat(gauge()).isEqualTo(12.0);
        assertThat(receive(sqs, source)).as("both moved to the dead-letter queue, none received").isEmpty();
        assertThat(count(sqs, dlq)).isEqualTo("2");
        sqs.sendMessage(r -> r.queueUrl(source).messageBody("fresh"));
        SqsException full = catchThrowableOfType(SqsException.class, () -> receive(sqs, source));
        assertThat(full).as("a message that needs room").isNotNull();
        assertThat(full.awsErrorDetails().errorCode()).isEqualTo("OverLimit");
    }

    private static String count(SqsClient sqs, String url) {
        return sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
    }

    /** {@code wharf_sqs_memory_inflight_messages} from the metrics endpoint. */
    private static double gauge() throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(WHARF.endpoint() + "/_wharf/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        return answer.body().lines().filter(l -> l.startsWith("wharf_sqs_memory_inflight_messages "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.indexOf(' ') + 1))).findFirst()
                .orElseThrow(() -> new AssertionError("no wharf_sqs_memory_inflight_messages series"));
    }
}
