package io.wharf.sqs.operations;

import io.wharf.testing.ManualClock;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.AwsException;
import io.wharf.protocol.Input;
import io.wharf.protocol.RequestContext;
import io.wharf.sqs.SqsService;
import io.wharf.storage.MemoryStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Output shapes of the operations, called as the protocol layer calls them. */
class SqsServiceTest {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final RequestContext CTX = new RequestContext("req-1", "000000000000", "us-east-1", "AKIDEXAMPLE",
            "localhost:4566", "http", "/");
    private static final String URL = "http://localhost:4566/000000000000/q";

    private final SqsService sqs = SqsService.create(new MemoryStore(), new ManualClock(1_700_000_000_000L), false,
            io.wharf.storage.crypto.MasterKey.ephemeral());

    @AfterEach
    void close() {
        sqs.close();
    }

    private ObjectNode call(String operation, ObjectNode input) {
        return sqs.operations().get(operation).invoke(CTX, new Input(input));
    }

    private ObjectNode queueInput() {
        return JSON.objectNode().put("QueueUrl", URL);
    }

    @Test
    void everyModelOperationIsImplemented() {
        assertThat(sqs.operations()).hasSize(23);
        assertThat(sqs.operations().keySet()).containsExactlyInAnyOrderElementsOf(
                sqs.model().operations().stream().map(io.wharf.protocol.model.OperationModel::name).toList());
    }

    @Test
    void sendAndReceiveShapes() {
        ObjectNode created = call("CreateQueue", JSON.objectNode().put("QueueName", "q"));
        assertThat(created.get("QueueUrl").asText()).isEqualTo(URL);

        ObjectNode send = queueInput().put("MessageBody", "hello");
        ObjectNode attr = send.putObject("MessageAttributes").putObject("binaryAttribute");
        attr.put("DataType", "Binary");
        attr.set("BinaryValue", JSON.binaryNode("Hello binary world!".getBytes(StandardCharsets.UTF_8)));
        ObjectNode sent = call("SendMessage", send);
        assertThat(sent.get("MD5OfMessageBody").asText()).isEqualTo("5d41402abc4b2a76b9719d911017c592");
        assertThat(sent.get("MD5OfMessageAttributes").asText()).isEqualTo("31a92b15d92f8db860eda32aceb656c3");
        assertThat(sent.has("MD5OfMessageSystemAttributes")).isFalse();
        assertThat(sent.has("SequenceNumber")).isFalse();

        ObjectNode receive = queueInput().put("MaxNumberOfMessages", 10);
        receive.putArray("MessageSystemAttributeNames").add("SenderId");
        receive.putArray("MessageAttributeNames").add("All");
        ObjectNode received = call("ReceiveMessage", receive);
        ObjectNode message = (ObjectNode) received.get("Messages").get(0);
        assertThat(message.get("Body").asText()).isEqualTo("hello");
        assertThat(message.get("MD5OfBody").asText()).isEqualTo("5d41402abc4b2a76b9719d911017c592");
        assertThat(message.get("Attributes").get("SenderId").asText()).isEqualTo("AKIDEXAMPLE");
        assertThat(message.get("MD5OfMessageAttributes").asText()).isEqualTo("31a92b15d92f8db860eda32aceb656c3");
        assertThat(message.get("MessageAttributes").get("binaryAttribute").get("BinaryValue").isBinary()).isTrue();

        assertThat(call("ReceiveMessage", queueInput()).has("Messages")).isFalse();
        assertThat(call("DeleteMessage", queueInput().put("ReceiptHandle",
                message.get("ReceiptHandle").asText()))).isNull();
    }

    @Test
    void batchShapesAlwaysHaveBothLists() {
        call("CreateQueue", JSON.objectNode().put("QueueName", "q"));
        ObjectNode batch = queueInput();
        batch.putArray("Entries").addObject().put("Id", "a").put("MessageBody", "x");
        ObjectNode result = call("SendMessageBatch", batch);
        assertThat(result.get("Successful").get(0).get("Id").asText()).isEqualTo("a");
        assertThat(result.get("Successful").get(0).has("MessageId")).isTrue();
        assertThat(result.get("Failed").isArray()).isTrue();
        assertThat(result.get("Failed")).isEmpty();

        ObjectNode delete = queueInput();
        delete.putArray("Entries").addObject().put("Id", "d").put("ReceiptHandle", "garbage");
        ObjectNode deleted = call("DeleteMessageBatch", delete);
        assertThat(deleted.get("Successful")).isEmpty();
        assertThat(deleted.get("Failed").get(0).get("SenderFault").asBoolean()).isTrue();
        assertThat(deleted.get("Failed").get(0).get("Code").asText()).isEqualTo("ReceiptHandleIsInvalid");
    }

    @Test
    void queueUrlsAndErrors() {
        call("CreateQueue", JSON.objectNode().put("QueueName", "q"));
        assertThat(call("GetQueueUrl", JSON.objectNode().put("QueueName", "q")).get("QueueUrl").asText())
                .isEqualTo(URL);
        // a bare name and a foreign host both address the queue
        assertThat(call("GetQueueAttributes", JSON.objectNode().put("QueueUrl", "q")).has("Attributes")).isFalse();
        ObjectNode attributes = JSON.objectNode().put("QueueUrl", "https://sqs.us-east-1.amazonaws.com/000000000000/q");
        attributes.putArray("AttributeNames").add("QueueArn");
        assertThat(call("GetQueueAttributes", attributes).get("Attributes").get("QueueArn").asText())
                .isEqualTo("arn:aws:sqs:us-east-1:000000000000:q");

        AwsException e = catchThrowableOfType(AwsException.class,
                () -> call("GetQueueUrl", JSON.objectNode().put("QueueName", "missing")));
        assertThat(e.type()).isEqualTo("QueueDoesNotExist");
        assertThat(e.code()).isEqualTo("AWS.SimpleQueueService.NonExistentQueue");
        assertThat(e.getMessage()).isEqualTo("The specified queue does not exist.");
        assertThat(sqs.validationErrors().missing("MessageBody").getMessage())
                .isEqualTo("The request must contain the parameter MessageBody.");
        assertThat(sqs.validationErrors().missing("MessageBody").type()).isEqualTo("MissingRequiredParameterException");
    }

    @Test
    void listShapes() {
        call("CreateQueue", JSON.objectNode().put("QueueName", "dlq"));
        ObjectNode create = JSON.objectNode().put("QueueName", "q");
        create.putObject("Attributes").put("RedrivePolicy",
                "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:dlq\",\"maxReceiveCount\":5}");
        create.putObject("tags").put("k", "v");
        call("CreateQueue", create);
        assertThat(call("ListQueues", JSON.objectNode()).get("QueueUrls")).hasSize(2);
        assertThat(call("ListQueues", JSON.objectNode().put("QueueNamePrefix", "zzz")).has("QueueUrls")).isFalse();
        ObjectNode sources = call("ListDeadLetterSourceQueues",
                JSON.objectNode().put("QueueUrl", "http://localhost:4566/000000000000/dlq"));
        assertThat(sources.get("queueUrls").get(0).asText()).isEqualTo(URL);
        assertThat(call("ListQueueTags", queueInput()).get("Tags").get("k").asText()).isEqualTo("v");
        ObjectNode tasks = call("ListMessageMoveTasks",
                JSON.objectNode().put("SourceArn", "arn:aws:sqs:us-east-1:000000000000:dlq"));
        assertThat(tasks.get("Results").isArray()).isTrue();
    }

    @Test
    void queueUrlComesFromThePathForLegacyQueryClients() {
        ObjectNode input = JSON.objectNode();
        sqs.fromPath("/000000000000/q", input, "SendMessage", CTX);
        assertThat(input.get("QueueUrl").asText()).isEqualTo("http://" + CTX.host() + "/000000000000/q");
        ObjectNode kept = JSON.objectNode().put("QueueUrl", "other");
        sqs.fromPath("/000000000000/q", kept, "SendMessage", CTX);
        assertThat(kept.get("QueueUrl").asText()).isEqualTo("other");
        ObjectNode root = JSON.objectNode();
        sqs.fromPath("/", root, "ListQueues", CTX);
        assertThat(root.has("QueueUrl")).isFalse();
        assertThatThrownBy(() -> sqs.fromPath("/000000000000/q", JSON.objectNode(), "ListQueues", CTX))
                .isInstanceOfSatisfying(io.wharf.protocol.AwsException.class, e -> {
                    assertThat(e.code()).isEqualTo("InvalidAction");
                    assertThat(e.getMessage()).isEqualTo("The action ListQueues is not valid for this endpoint.");
                });
    }
}
