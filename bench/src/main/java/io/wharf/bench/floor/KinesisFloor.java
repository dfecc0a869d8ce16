package io.wharf.bench.floor;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Kinesis over JSON 1.1 and CBOR 1.1, the calls of {@code kinesis-put} and {@code kinesis-roundtrip}: CreateStream
 * (ACTIVE at once), DescribeStreamSummary, ListShards, PutRecords, GetShardIterator, GetRecords, DeleteStream. A put
 * record goes to a shard by a cheap hash of its partition key (not AWS's MD5 routing) and waits there, up to
 * {@value #MAX_PENDING_PER_SHARD} records a shard (the oldest dropped beyond), until a GetRecords on that shard takes it:
 * the iterator only names the shard, so every reader of a shard shares one position. SubscribeToShard (an event
 * stream over HTTP/2) is not answered. With a durable {@link Journal} ({@code floor-durable}) a PutRecords answers once
 * its records (partition keys and data) are on disk.
 */
final class KinesisFloor {
    static final int MAX_PENDING_PER_SHARD = 20_000;
    private static final String ARN_PREFIX = "arn:aws:kinesis:us-east-1:000000000000:stream/";
    private static final BigInteger HASH_SPACE = BigInteger.ONE.shiftLeft(128);

    private record PutRecord(String sequenceNumber, byte[] data, String partitionKey, long arrivalMillis) {
    }

    private static final class Shard {
        final String id;
        final String startingHashKey;
        final String endingHashKey;
        final AtomicLong sequence = new AtomicLong();
        final ConcurrentLinkedQueue<PutRecord> pending = new ConcurrentLinkedQueue<>();
        final AtomicInteger size = new AtomicInteger();

        Shard(int index, int count) {
            this.id = String.format("shardId-%012d", index);
            BigInteger width = HASH_SPACE.divide(BigInteger.valueOf(count));
            this.startingHashKey = width.multiply(BigInteger.valueOf(index)).toString();
            this.endingHashKey = (index == count - 1 ? HASH_SPACE : width.multiply(BigInteger.valueOf(index + 1)))
                    .subtract(BigInteger.ONE).toString();
        }

        String nextSequenceNumber() {
            String digits = Long.toString(sequence.incrementAndGet());
            return "4960000000000000000000000000000000" + id.substring(8) + "0000000000".substring(Math.min(10, digits.length()))
                    + digits;
        }

        void add(PutRecord record) {
            pending.add(record);
            if (size.incrementAndGet() > MAX_PENDING_PER_SHARD && pending.poll() != null) {
                size.decrementAndGet();
            }
        }
    }

    private record Stream(String name, long createdMillis, Shard[] shards) {
    }

    /** The fields of any of the calls above that the floor reads. */
    private static final class Request {
        String streamName;
        int shardCount = 1;
        String shardId;
        String shardIterator;
        int limit = 10_000;
        final List<byte[]> data = new ArrayList<>();
        final List<String> partitionKeys = new ArrayList<>();
    }

    private final Map<String, Stream> streams = new ConcurrentHashMap<>();
    private final Journal journal;

    KinesisFloor(Journal journal) {
        this.journal = journal;
    }

    void handle(String operation, byte[] body, Exchange exchange) throws IOException {
        Request request;
        try (JsonParser parser = exchange.parser(body)) {
            request = parse(parser);
        }
        if (operation.equals("CreateStream")) {
            if (request.streamName == null || request.shardCount < 1) {
                exchange.error(400, "ValidationException", "StreamName and a positive ShardCount are required", null);
                return;
            }
            Shard[] shards = new Shard[request.shardCount];
            for (int i = 0; i < shards.length; i++) {
                shards[i] = new Shard(i, shards.length);
            }
            if (streams.putIfAbsent(request.streamName,
                    new Stream(request.streamName, System.currentTimeMillis(), shards)) != null) {
                exchange.error(400, "ResourceInUseException", "Stream " + request.streamName + " already exists", null);
                return;
            }
            exchange.answer(out -> { });
            return;
        }
        String name = request.shardIterator != null ? request.shardIterator.substring(0, request.shardIterator.indexOf('|'))
                : request.streamName;
        Stream stream = name == null ? null : streams.get(name);
        if (stream == null) {
            exchange.error(400, "ResourceNotFoundException", "Stream " + name + " not found", null);
            return;
        }
        switch (operation) {
            case "DescribeStreamSummary" -> exchange.answer(out -> {
                out.writeObjectFieldStart("StreamDescriptionSummary");
                out.writeStringField("StreamName", stream.name());
                out.writeStringField("StreamARN", ARN_PREFIX + stream.name());
                out.writeStringField("StreamStatus", "ACTIVE");
                out.writeObjectFieldStart("StreamModeDetails");
                out.writeStringField("StreamMode", "PROVISIONED");
                out.writeEndObject();
                out.writeNumberField("RetentionPeriodHours", 24);
                exchange.writeTimestamp(out, "StreamCreationTimestamp", stream.createdMillis());
                out.writeArrayFieldStart("EnhancedMonitoring");
                out.writeStartObject();
                out.writeArrayFieldStart("ShardLevelMetrics");
                out.writeEndArray();
                out.writeEndObject();
                out.writeEndArray();
                out.writeStringField("EncryptionType", "NONE");
                out.writeNumberField("OpenShardCount", stream.shards().length);
                out.writeNumberField("ConsumerCount", 0);
                out.writeEndObject();
            });
            case "ListShards" -> exchange.answer(out -> {
                out.writeArrayFieldStart("Shards");
                for (Shard shard : stream.shards()) {
                    out.writeStartObject();
                    out.writeStringField("ShardId", shard.id);
                    out.writeObjectFieldStart("HashKeyRange");
                    out.writeStringField("StartingHashKey", shard.startingHashKey);
                    out.writeStringField("EndingHashKey", shard.endingHashKey);
                    out.writeEndObject();
                    out.writeObjectFieldStart("SequenceNumberRange");
                    out.writeStringField("StartingSequenceNumber", "49600000000000000000000000000000000000000000000000000000");
                    out.writeEndObject();
                    out.writeEndObject();
                }
                out.writeEndArray();
            });
            case "PutRecords" -> putRecords(stream, request, exchange);
            case "GetShardIterator" -> {
                Shard shard = shard(stream, request.shardId);
                if (shard == null) {
                    exchange.error(400, "ResourceNotFoundException", "Shard " + request.shardId + " not found", null);
                    return;
                }
                exchange.answer(out -> out.writeStringField("ShardIterator", stream.name() + "|" + shard.id));
            }
            case "GetRecords" -> getRecords(stream, request, exchange);
            case "DeleteStream" -> {
                streams.remove(stream.name());
                exchange.answer(out -> { });
            }
            default -> exchange.error(400, "UnknownOperationException", "the floor does not answer " + operation, null);
        }
    }

    private void putRecords(Stream stream, Request request, Exchange exchange) {
        Shard[] shards = stream.shards();
        int count = request.partitionKeys.size();
        String[] sequenceNumbers = new String[count];
        Shard[] chosen = new Shard[count];
        long now = System.currentTimeMillis();
        for (int i = 0; i < count; i++) {
            String key = request.partitionKeys.get(i);
            Shard shard = shards[Math.floorMod(key == null ? 0 : key.hashCode(), shards.length)];
            chosen[i] = shard;
            sequenceNumbers[i] = shard.nextSequenceNumber();
            shard.add(new PutRecord(sequenceNumbers[i], request.data.get(i), key, now));
        }
        exchange.answerAfter(journal, putRecord(request), out -> {
            out.writeNumberField("FailedRecordCount", 0);
            out.writeArrayFieldStart("Records");
            for (int i = 0; i < count; i++) {
                out.writeStartObject();
                out.writeStringField("SequenceNumber", sequenceNumbers[i]);
                out.writeStringField("ShardId", chosen[i].id);
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeStringField("EncryptionType", "NONE");
        });
    }

    /** A journal record of put records: each one's partition key and data, length-prefixed. */
    private static byte[] putRecord(Request request) {
        List<byte[]> parts = new ArrayList<>(request.partitionKeys.size() * 2);
        for (int i = 0; i < request.partitionKeys.size(); i++) {
            String key = request.partitionKeys.get(i);
            parts.add((key == null ? "" : key).getBytes(StandardCharsets.UTF_8));
            parts.add(request.data.get(i));
        }
        return Journal.lengthPrefixed(parts);
    }

    private static void getRecords(Stream stream, Request request, Exchange exchange) {
        Shard shard = shard(stream, request.shardIterator.substring(request.shardIterator.indexOf('|') + 1));
        if (shard == null) {
            exchange.error(400, "InvalidArgumentException", "bad shard iterator", null);
            return;
        }
        int limit = Math.max(1, Math.min(10_000, request.limit));
        List<PutRecord> taken = new ArrayList<>(Math.min(limit, 512));
        PutRecord record;
        while (taken.size() < limit && (record = shard.pending.poll()) != null) {
            shard.size.decrementAndGet();
            taken.add(record);
        }
        exchange.answer(out -> {
            out.writeArrayFieldStart("Records");
            for (PutRecord r : taken) {
                out.writeStartObject();
                out.writeStringField("SequenceNumber", r.sequenceNumber());
                exchange.writeTimestamp(out, "ApproximateArrivalTimestamp", r.arrivalMillis());
                out.writeFieldName("Data");
                out.writeBinary(r.data());
                out.writeStringField("PartitionKey", r.partitionKey());
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeStringField("NextShardIterator", request.shardIterator);
            out.writeNumberField("MillisBehindLatest", 0);
        });
    }

    private static Shard shard(Stream stream, String shardId) {
        for (Shard shard : stream.shards()) {
            if (shard.id.equals(shardId)) {
                return shard;
            }
        }
        return null;
    }

    private static Request parse(JsonParser parser) throws IOException {
        Request request = new Request();
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new IOException("the body is not an object");
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "StreamName" -> request.streamName = parser.getText();
                case "StreamARN" -> {
                    String arn = parser.getText();
                    request.streamName = arn.substring(arn.lastIndexOf('/') + 1);
                }
                case "ShardCount" -> request.shardCount = parser.getIntValue();
                case "ShardId" -> request.shardId = parser.getText();
                case "ShardIterator" -> request.shardIterator = parser.getText();
                case "Limit" -> request.limit = parser.getIntValue();
                case "Records" -> {
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        byte[] data = new byte[0];
                        String key = null;
                        while (parser.nextToken() == JsonToken.FIELD_NAME) {
                            String entryField = parser.currentName();
                            JsonToken entryValue = parser.nextToken();
                            if (entryField.equals("Data")) {
                                data = parser.getBinaryValue();
                            } else if (entryField.equals("PartitionKey")) {
                                key = parser.getText();
                            } else if (entryValue == JsonToken.START_OBJECT || entryValue == JsonToken.START_ARRAY) {
                                parser.skipChildren();
                            }
                        }
                        request.data.add(data);
                        request.partitionKeys.add(key);
                    }
                }
                default -> {
                    if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                        parser.skipChildren();
                    }
                }
            }
        }
        return request;
    }
}
