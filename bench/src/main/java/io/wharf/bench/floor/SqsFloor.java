package io.wharf.bench.floor;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * SQS over JSON 1.0, the calls of the {@code sqs-*} scenarios: CreateQueue, GetQueueUrl, DeleteQueue, SendMessage,
 * SendMessageBatch, ReceiveMessage (long polls wait without a thread), DeleteMessage, DeleteMessageBatch. Answers
 * carry what the SDK checks and reads: message ids, MD5s of bodies and attributes, receipt handles, sequence numbers
 * on FIFO queues. Received messages are gone (no visibility timeout), so a delete only answers. With a durable
 * {@link Journal} ({@code floor-durable}) a send answers once its messages (ids and bodies) are on disk, and a delete once
 * its receipt handles are: what a durable SQS must write at least. A receive writes nothing (a receive lost in a crash
 * only makes its messages visible again early, which at-least-once delivery allows).
 */
final class SqsFloor {
    private static final String ACCOUNT = "000000000000";
    private static final int MAX_WAIT_SECONDS = 20;

    private final Map<String, FloorQueue> queues = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final Journal journal;

    SqsFloor(Journal journal) {
        this.journal = journal;
    }

    /** The fields of any of the calls above that the floor reads. */
    private static final class Request {
        String queueUrl;
        String queueName;
        String body;
        Map<String, Md5.Attribute> attributes;
        String receiptHandle;
        int maxMessages = 1;
        int waitSeconds;
        final List<Request> entries = new ArrayList<>();
        String id;
    }

    void handle(String operation, byte[] body, Exchange exchange) throws IOException {
        Request request;
        try (JsonParser parser = exchange.parser(body)) {
            request = parse(parser);
        }
        switch (operation) {
            case "CreateQueue", "GetQueueUrl" -> createQueue(operation, request, exchange);
            case "DeleteQueue" -> {
                queues.remove(request.queueUrl);
                exchange.answer(out -> { });
            }
            case "SendMessage" -> withQueue(request, exchange, queue -> send(queue, request, exchange));
            case "SendMessageBatch" -> withQueue(request, exchange, queue -> sendBatch(queue, request, exchange));
            case "ReceiveMessage" -> withQueue(request, exchange, queue -> receive(queue, request, exchange));
            case "DeleteMessage" -> withQueue(request, exchange, queue ->
                    exchange.answerAfter(journal, deletedRecord(List.of(request)), out -> { }));
            case "DeleteMessageBatch" -> withQueue(request, exchange, queue ->
                    exchange.answerAfter(journal, deletedRecord(request.entries), out -> {
                out.writeArrayFieldStart("Successful");
                for (Request entry : request.entries) {
                    out.writeStartObject();
                    out.writeStringField("Id", entry.id);
                    out.writeEndObject();
                }
                out.writeEndArray();
                out.writeArrayFieldStart("Failed");
                out.writeEndArray();
            }));
            default -> exchange.error(400, "AWS.SimpleQueueService.UnsupportedOperation",
                    "the floor does not answer " + operation, "AWS.SimpleQueueService.UnsupportedOperation;Sender");
        }
    }

    private interface QueueCall {
        void run(FloorQueue queue) throws IOException;
    }

    private void withQueue(Request request, Exchange exchange, QueueCall call) throws IOException {
        FloorQueue queue = request.queueUrl == null ? null : queues.get(request.queueUrl);
        if (queue == null) {
            exchange.error(400, "com.amazonaws.sqs#QueueDoesNotExist", "The specified queue does not exist.",
                    "AWS.SimpleQueueService.NonExistentQueue;Sender");
            return;
        }
        call.run(queue);
    }

    private void createQueue(String operation, Request request, Exchange exchange) {
        if (request.queueName == null) {
            exchange.error(400, "com.amazonaws.sqs#MissingParameter", "QueueName is required", "MissingParameter;Sender");
            return;
        }
        String url = "http://floor.localhost/" + ACCOUNT + "/" + request.queueName;
        if (operation.equals("CreateQueue")) {
            queues.computeIfAbsent(url, u -> new FloorQueue(request.queueName.endsWith(".fifo")));
        } else if (!queues.containsKey(url)) {
            exchange.error(400, "com.amazonaws.sqs#QueueDoesNotExist", "The specified queue does not exist.",
                    "AWS.SimpleQueueService.NonExistentQueue;Sender");
            return;
        }
        exchange.answer(out -> out.writeStringField("QueueUrl", url));
    }

    private void send(FloorQueue queue, Request request, Exchange exchange) {
        FloorQueue.Message message = message(request);
        String sequence = queue.fifo() ? sequenceNumber() : null;
        queue.send(List.of(message));
        exchange.answerAfter(journal, sentRecord(List.of(message)),
                out -> writeSent(out, null, message, request, sequence));
    }

    private void sendBatch(FloorQueue queue, Request request, Exchange exchange) {
        List<FloorQueue.Message> messages = new ArrayList<>(request.entries.size());
        for (Request entry : request.entries) {
            messages.add(message(entry));
        }
        List<String> sequences = new ArrayList<>();
        for (int i = 0; queue.fifo() && i < messages.size(); i++) {
            sequences.add(sequenceNumber());
        }
        queue.send(messages);
        exchange.answerAfter(journal, sentRecord(messages), out -> {
            out.writeArrayFieldStart("Successful");
            for (int i = 0; i < messages.size(); i++) {
                out.writeStartObject();
                Request entry = request.entries.get(i);
                writeSent(out, entry.id, messages.get(i), entry, queue.fifo() ? sequences.get(i) : null);
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeArrayFieldStart("Failed");
            out.writeEndArray();
        });
    }

    private static void writeSent(JsonGenerator out, String id, FloorQueue.Message message, Request sent,
                                  String sequenceNumber) throws IOException {
        if (id != null) {
            out.writeStringField("Id", id);
        }
        out.writeStringField("MessageId", message.messageId());
        out.writeStringField("MD5OfMessageBody", message.bodyMd5());
        if (sent.attributes != null && !sent.attributes.isEmpty()) {
            out.writeStringField("MD5OfMessageAttributes", Md5.ofAttributes(sent.attributes));
        }
        if (sequenceNumber != null) {
            out.writeStringField("SequenceNumber", sequenceNumber);
        }
    }

    private void receive(FloorQueue queue, Request request, Exchange exchange) {
        int max = Math.max(1, Math.min(10, request.maxMessages));
        List<FloorQueue.Message> taken = queue.take(max);
        int wait = Math.min(MAX_WAIT_SECONDS, request.waitSeconds);
        if (!taken.isEmpty() || wait <= 0) {
            answerReceive(exchange, taken);
            return;
        }
        FloorQueue.Waiter waiter = new FloorQueue.Waiter(max, messages -> answerReceive(exchange, messages));
        exchange.schedule(waiter::expire, wait, TimeUnit.SECONDS);
        queue.await(waiter);
    }

    private void answerReceive(Exchange exchange, List<FloorQueue.Message> messages) {
        exchange.answer(out -> {
            out.writeArrayFieldStart("Messages");
            for (FloorQueue.Message message : messages) {
                out.writeStartObject();
                out.writeStringField("MessageId", message.messageId());
                out.writeStringField("ReceiptHandle", "floor-" + message.messageId() + "-" + ids.incrementAndGet());
                out.writeStringField("MD5OfBody", message.bodyMd5());
                out.writeStringField("Body", message.body());
                out.writeEndObject();
            }
            out.writeEndArray();
        });
    }

    /** A journal record of sent messages: each one's id and body, length-prefixed. */
    private static byte[] sentRecord(List<FloorQueue.Message> messages) {
        List<byte[]> parts = new ArrayList<>(messages.size() * 2);
        for (FloorQueue.Message message : messages) {
            parts.add(message.messageId().getBytes(StandardCharsets.US_ASCII));
            parts.add(message.body().getBytes(StandardCharsets.UTF_8));
        }
        return Journal.lengthPrefixed(parts);
    }

    /** A journal record of deletes: the receipt handles. */
    private static byte[] deletedRecord(List<Request> deletes) {
        List<byte[]> parts = new ArrayList<>(deletes.size());
        for (Request delete : deletes) {
            parts.add((delete.receiptHandle == null ? "" : delete.receiptHandle).getBytes(StandardCharsets.UTF_8));
        }
        return Journal.lengthPrefixed(parts);
    }

    private FloorQueue.Message message(Request sent) {
        String body = sent.body == null ? "" : sent.body;
        return new FloorQueue.Message(messageId(), body, Md5.ofBody(body));
    }

    /** A UUID-shaped id from a counter: unique per floor run, no random numbers drawn. */
    private String messageId() {
        String hex = Long.toHexString(ids.incrementAndGet());
        return "00000000-0000-4000-8000-" + "000000000000".substring(Math.min(12, hex.length())) + hex;
    }

    private String sequenceNumber() {
        String digits = Long.toString(ids.incrementAndGet());
        return "1" + "0000000000000000000".substring(Math.min(19, digits.length())) + digits;
    }

    private static Request parse(JsonParser parser) throws IOException {
        Request request = new Request();
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new IOException("the body is not an object");
        }
        readFields(parser, request);
        return request;
    }

    private static void readFields(JsonParser parser, Request into) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "QueueUrl" -> into.queueUrl = parser.getText();
                case "QueueName" -> into.queueName = parser.getText();
                case "MessageBody" -> into.body = parser.getText();
                case "ReceiptHandle" -> into.receiptHandle = parser.getText();
                case "Id" -> into.id = parser.getText();
                case "MaxNumberOfMessages" -> into.maxMessages = parser.getIntValue();
                case "WaitTimeSeconds" -> into.waitSeconds = parser.getIntValue();
                case "MessageAttributes" -> into.attributes = attributes(parser);
                case "Entries" -> {
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        Request entry = new Request();
                        readFields(parser, entry);
                        into.entries.add(entry);
                    }
                }
                default -> {
                    if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                        parser.skipChildren();
                    }
                }
            }
        }
    }

    private static Map<String, Md5.Attribute> attributes(JsonParser parser) throws IOException {
        Map<String, Md5.Attribute> attributes = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            String dataType = null;
            String stringValue = null;
            byte[] binaryValue = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "DataType" -> dataType = parser.getText();
                    case "StringValue" -> stringValue = parser.getText();
                    case "BinaryValue" -> binaryValue = parser.getBinaryValue();
                    default -> {
                        if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                            parser.skipChildren();
                        }
                    }
                }
            }
            attributes.put(name, new Md5.Attribute(dataType == null ? "String" : dataType, stringValue, binaryValue));
        }
        return attributes;
    }
}
