package io.wharf.sqs.engine;

import io.wharf.sqs.SqsErrors;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The rules of settable queue attributes (sqs.md §2.1): names, ranges, FIFO-only attributes, the JSON policies.
 * {@link #validate} turns what a caller sent into the normalised map a queue stores; defaults are not stored.
 */
final class QueueAttributes {
    static final String DELAY_SECONDS = "DelaySeconds";
    static final String MAXIMUM_MESSAGE_SIZE = "MaximumMessageSize";
    static final String MESSAGE_RETENTION_PERIOD = "MessageRetentionPeriod";
    static final String RECEIVE_MESSAGE_WAIT_TIME_SECONDS = "ReceiveMessageWaitTimeSeconds";
    static final String VISIBILITY_TIMEOUT = "VisibilityTimeout";
    static final String POLICY = "Policy";
    static final String REDRIVE_POLICY = "RedrivePolicy";
    static final String REDRIVE_ALLOW_POLICY = "RedriveAllowPolicy";
    static final String FIFO_QUEUE = "FifoQueue";
    static final String CONTENT_BASED_DEDUPLICATION = "ContentBasedDeduplication";
    static final String DEDUPLICATION_SCOPE = "DeduplicationScope";
    static final String FIFO_THROUGHPUT_LIMIT = "FifoThroughputLimit";
    static final String KMS_MASTER_KEY_ID = "KmsMasterKeyId";
    static final String KMS_DATA_KEY_REUSE_PERIOD_SECONDS = "KmsDataKeyReusePeriodSeconds";
    static final String SQS_MANAGED_SSE_ENABLED = "SqsManagedSseEnabled";

    /** Attributes GetQueueAttributes knows but nobody may set. */
    static final Set<String> READ_ONLY = Set.of("All", "ApproximateNumberOfMessages",
            "ApproximateNumberOfMessagesNotVisible", "ApproximateNumberOfMessagesDelayed", "CreatedTimestamp",
            "LastModifiedTimestamp", "QueueArn");

    private static final Set<String> SETTABLE = Set.of(DELAY_SECONDS, MAXIMUM_MESSAGE_SIZE,
            MESSAGE_RETENTION_PERIOD, RECEIVE_MESSAGE_WAIT_TIME_SECONDS, VISIBILITY_TIMEOUT, POLICY, REDRIVE_POLICY,
            REDRIVE_ALLOW_POLICY, FIFO_QUEUE, CONTENT_BASED_DEDUPLICATION, DEDUPLICATION_SCOPE,
            FIFO_THROUGHPUT_LIMIT, KMS_MASTER_KEY_ID, KMS_DATA_KEY_REUSE_PERIOD_SECONDS, SQS_MANAGED_SSE_ENABLED);

    private static final Map<String, int[]> RANGES = Map.of(
            DELAY_SECONDS, new int[]{0, 900},
            MAXIMUM_MESSAGE_SIZE, new int[]{1024, 1_048_576},
            MESSAGE_RETENTION_PERIOD, new int[]{60, 1_209_600},
            RECEIVE_MESSAGE_WAIT_TIME_SECONDS, new int[]{0, 20},
            VISIBILITY_TIMEOUT, new int[]{0, 43_200},
            KMS_DATA_KEY_REUSE_PERIOD_SECONDS, new int[]{60, 86_400});

    /** Defaults as GetQueueAttributes shows them for every queue. */
    static final Map<String, String> DEFAULTS = Map.of(DELAY_SECONDS, "0", MAXIMUM_MESSAGE_SIZE, "1048576",
            MESSAGE_RETENTION_PERIOD, "345600", RECEIVE_MESSAGE_WAIT_TIME_SECONDS, "0", VISIBILITY_TIMEOUT, "30",
            SQS_MANAGED_SSE_ENABLED, "true");

    /** Defaults only FIFO queues show. */
    static final Map<String, String> FIFO_DEFAULTS = Map.of(FIFO_QUEUE, "true", CONTENT_BASED_DEDUPLICATION, "false",
            DEDUPLICATION_SCOPE, "queue", FIFO_THROUGHPUT_LIMIT, "perQueue");

    private QueueAttributes() {
    }

    static boolean isKnown(String name) {
        return SETTABLE.contains(name) || READ_ONLY.contains(name);
    }

    /**
     * Checks and normalises attributes for a queue being created or changed. {@code current} is the stored map
     * (empty on create), {@code queues} finds a queue by ARN for the RedrivePolicy checks.
     */
    static Map<String, String> validate(QueueId queue, Map<String, String> given, Map<String, String> current,
                                        boolean creating, Function<QueueId, Queue> queues) {
        boolean fifo = queue.isFifo();
        Map<String, String> result = new TreeMap<>();
        for (Map.Entry<String, String> e : given.entrySet()) {
            String name = e.getKey();
            String value = e.getValue() == null ? "" : e.getValue();
            if (!SETTABLE.contains(name)) {
                throw SqsErrors.INVALID_ATTRIBUTE_NAME.error("Unknown Attribute " + name + ".");
            }
            switch (name) {
                case FIFO_QUEUE -> {
                    if (!creating) {
                        throw fifo ? SqsErrors.INVALID_ATTRIBUTE_VALUE.error(
                                "Invalid value for the parameter FifoQueue. Reason: Modifying queue type is not supported.")
                                : SqsErrors.INVALID_ATTRIBUTE_NAME.error("Unknown Attribute FifoQueue.");
                    }
                    // consistency with the name is checked by the caller, which knows both
                    if (fifo) {
                        result.put(name, bool(name, value));
                    }
                }
                case CONTENT_BASED_DEDUPLICATION -> {
                    fifoOnly(fifo, "Unknown Attribute ContentBasedDeduplication.");
                    result.put(name, bool(name, value));
                }
                case DEDUPLICATION_SCOPE -> {
                    fifoOnly(fifo, "You can specify the DeduplicationScope only when FifoQueue is set to true.");
                    result.put(name, oneOf(name, value, List.of("queue", "messageGroup")));
                }
                case FIFO_THROUGHPUT_LIMIT -> {
                    fifoOnly(fifo, "You can specify the FifoThroughputLimit only when FifoQueue is set to true.");
                    result.put(name, oneOf(name, value, List.of("perQueue", "perMessageGroupId")));
                }
                case SQS_MANAGED_SSE_ENABLED -> result.put(name, bool(name, value));
                case KMS_MASTER_KEY_ID, POLICY -> {
                    if (name.equals(POLICY) && !value.isEmpty() && !isJsonObject(value)) {
                        throw invalidValue(name);
                    }
                    result.put(name, value);
                }
                case REDRIVE_POLICY -> result.put(name, value.isEmpty() ? "" : RedrivePolicies.validateRedrive(
                        queue, value, queues));
                case REDRIVE_ALLOW_POLICY -> result.put(name, value.isEmpty() ? ""
                        : RedrivePolicies.validateRedriveAllow(value));
                default -> result.put(name, range(name, value));
            }
        }
        Map<String, String> merged = new TreeMap<>(current);
        merged.putAll(result);
        if ("perMessageGroupId".equals(merged.get(FIFO_THROUGHPUT_LIMIT))
                && !"messageGroup".equals(merged.get(DEDUPLICATION_SCOPE))) {
            throw SqsErrors.INVALID_ATTRIBUTE_VALUE.error("Invalid value for the parameter FifoThroughputLimit. "
                    + "Reason: The perMessageGroupId value is allowed only when the value for DeduplicationScope "
                    + "is messageGroup.");
        }
        return result;
    }

    /**
     * Applies validated changes: an empty string removes the attribute (RedrivePolicy "", Policy ""). A queue has
     * one server-side encryption at a time: setting a KmsMasterKeyId turns SSE-SQS off, turning SSE-SQS on
     * removes the KMS key (unless the same call sets both, which is the caller's word).
     */
    static Map<String, String> apply(Map<String, String> current, Map<String, String> changes) {
        Map<String, String> next = new TreeMap<>(current);
        String kmsKey = changes.get(KMS_MASTER_KEY_ID);
        if (kmsKey != null && !kmsKey.isEmpty() && !changes.containsKey(SQS_MANAGED_SSE_ENABLED)) {
            next.put(SQS_MANAGED_SSE_ENABLED, "false");
        }
        if ("true".equals(changes.get(SQS_MANAGED_SSE_ENABLED)) && kmsKey == null) {
            next.remove(KMS_MASTER_KEY_ID);
            next.remove(KMS_DATA_KEY_REUSE_PERIOD_SECONDS);
        }
        changes.forEach((name, value) -> {
            if (value.isEmpty() && (name.equals(POLICY) || name.equals(REDRIVE_POLICY)
                    || name.equals(REDRIVE_ALLOW_POLICY) || name.equals(KMS_MASTER_KEY_ID))) {
                next.remove(name);
            } else {
                next.put(name, value);
            }
        });
        return next;
    }

    /** What GetQueueAttributes shows for the stored attributes, defaults filled in. */
    static Map<String, String> effective(boolean fifo, Map<String, String> stored) {
        Map<String, String> result = new LinkedHashMap<>(DEFAULTS);
        if (fifo) {
            result.putAll(FIFO_DEFAULTS);
        }
        result.putAll(stored);
        if (stored.containsKey(KMS_MASTER_KEY_ID)) {
            // only one server-side encryption mode at a time
            result.putIfAbsent(KMS_DATA_KEY_REUSE_PERIOD_SECONDS, "300");
            if (!stored.containsKey(SQS_MANAGED_SSE_ENABLED)) {
                result.put(SQS_MANAGED_SSE_ENABLED, "false");
            }
        }
        return result;
    }

    private static void fifoOnly(boolean fifo, String message) {
        if (!fifo) {
            throw SqsErrors.INVALID_ATTRIBUTE_NAME.error(message);
        }
    }

    private static String bool(String name, String value) {
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return value.toLowerCase(java.util.Locale.ROOT);
        }
        throw invalidValue(name);
    }

    private static String oneOf(String name, String value, List<String> allowed) {
        if (!allowed.contains(value)) {
            throw invalidValue(name);
        }
        return value;
    }

    private static String range(String name, String value) {
        int[] range = RANGES.get(name);
        try {
            int v = Integer.parseInt(value.trim());
            if (v >= range[0] && v <= range[1]) {
                return Integer.toString(v);
            }
        } catch (NumberFormatException e) {
            // falls through to the AWS error
        }
        throw invalidValue(name);
    }

    private static boolean isJsonObject(String value) {
        try {
            return Json.parse(value) instanceof Map;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static io.wharf.protocol.AwsException invalidValue(String name) {
        return SqsErrors.INVALID_ATTRIBUTE_VALUE.error("Invalid value for the parameter " + name + ".");
    }
}
