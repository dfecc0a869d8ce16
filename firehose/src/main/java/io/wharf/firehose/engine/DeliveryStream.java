package io.wharf.firehose.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One delivery stream: its configuration (as the model shapes it), its lifecycle and its buffer. Every field is
 * guarded by {@link #lock}; the engine changes it only while holding it, and submits the matching store write
 * under it too (so writes reach the store in the order memory saw them).
 */
final class DeliveryStream {
    final ReentrantLock lock = new ReentrantLock();
    final String id;
    final String name;
    final String account;
    final String region;
    final String type;
    final long createdMillis;
    final StreamCounters counters = new StreamCounters();

    /** CREATING until then (epoch ms by the engine's clock). */
    long activeAtMillis;
    /** DELETING since then, or -1; gone from memory at deleteAtMillis + transition. */
    long deletingSinceMillis = -1;
    int version = 1;
    long lastUpdateMillis = -1;
    /** The source configuration member's name ({@code KinesisStreamSourceConfiguration}, …) and value, or null. */
    String sourceMember;
    ObjectNode source;
    /** The destination configuration member's name ({@code ExtendedS3DestinationConfiguration}, …) and value. */
    String destinationMember;
    ObjectNode destination;
    /** Server-side encryption: null when never started. */
    Encryption encryption;
    final Map<String, String> tags = new LinkedHashMap<>();
    /** KinesisStreamAsSource: shard id → the last source sequence number buffered, or {@code END}. */
    final Map<String, String> checkpoints = new java.util.HashMap<>();

    /** Records not yet delivered, by partition (the evaluated prefix; "" without dynamic partitioning). */
    final Map<String, Deque<BufferedRecord>> partitions = new TreeMap<>();
    long bufferedBytes;
    long bufferedRecords;
    long nextSequence = 1;
    /** No delivery attempt before this (backoff after a failure), epoch ms. */
    long nextAttemptMillis;
    int failedAttempts;
    /** The batch frozen for delivery and not yet written (retried as it is), or null. */
    Delivery.Batch pending;
    /** Whether a delivery worker owns this stream's in-flight batch right now. */
    boolean delivering;

    DeliveryStream(String id, String name, String account, String region, String type, long createdMillis) {
        this.id = id;
        this.name = name;
        this.account = account;
        this.region = region;
        this.type = type;
        this.createdMillis = createdMillis;
    }

    String arn() {
        return "arn:aws:firehose:" + region + ":" + account + ":deliverystream/" + name;
    }

    String status(long nowMillis) {
        if (deletingSinceMillis >= 0) {
            return "DELETING";
        }
        return nowMillis < activeAtMillis ? "CREATING" : "ACTIVE";
    }

    Deque<BufferedRecord> partition(String key) {
        return partitions.computeIfAbsent(key, k -> new ArrayDeque<>());
    }

    /**
     * Server-side encryption of the stream: the key and where its change stands.
     *
     * @param since when the last Start/Stop was asked (epoch ms); the status settles a transition later
     */
    record Encryption(String keyType, String keyArn, boolean enabled, long since) {
        String status(long nowMillis, long transitionMillis) {
            boolean settled = nowMillis >= since + transitionMillis;
            if (enabled) {
                return settled ? "ENABLED" : "ENABLING";
            }
            return settled ? "DISABLED" : "DISABLING";
        }
    }
}
