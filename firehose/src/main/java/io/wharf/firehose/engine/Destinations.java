package io.wharf.firehose.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.firehose.FirehoseErrors;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The destination kinds, the defaults AWS fills into what it describes (research/firehose.md §2, §6, §11–14), and
 * UpdateDestination's rules: the same kind merges (omitted members keep their values), another kind replaces, and
 * OpenSearch/Elasticsearch cannot be switched to or from.
 */
final class Destinations {
    /** Configuration member → the matching Update member of UpdateDestination. */
    static final Map<String, String> UPDATE_OF = Map.ofEntries(
            Map.entry("S3DestinationConfiguration", "S3DestinationUpdate"),
            Map.entry("ExtendedS3DestinationConfiguration", "ExtendedS3DestinationUpdate"),
            Map.entry("RedshiftDestinationConfiguration", "RedshiftDestinationUpdate"),
            Map.entry("ElasticsearchDestinationConfiguration", "ElasticsearchDestinationUpdate"),
            Map.entry("AmazonopensearchserviceDestinationConfiguration", "AmazonopensearchserviceDestinationUpdate"),
            Map.entry("SplunkDestinationConfiguration", "SplunkDestinationUpdate"),
            Map.entry("HttpEndpointDestinationConfiguration", "HttpEndpointDestinationUpdate"),
            Map.entry("AmazonOpenSearchServerlessDestinationConfiguration",
                    "AmazonOpenSearchServerlessDestinationUpdate"),
            Map.entry("SnowflakeDestinationConfiguration", "SnowflakeDestinationUpdate"),
            Map.entry("IcebergDestinationConfiguration", "IcebergDestinationUpdate"));

    /** Every destination configuration member of CreateDeliveryStream, in the model's order. */
    static final List<String> MEMBERS = List.of("S3DestinationConfiguration", "ExtendedS3DestinationConfiguration",
            "RedshiftDestinationConfiguration", "ElasticsearchDestinationConfiguration",
            "AmazonopensearchserviceDestinationConfiguration", "SplunkDestinationConfiguration",
            "HttpEndpointDestinationConfiguration", "AmazonOpenSearchServerlessDestinationConfiguration",
            "SnowflakeDestinationConfiguration", "IcebergDestinationConfiguration");

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private Destinations() {
    }

    static String configurationOfUpdate(String updateMember) {
        return UPDATE_OF.entrySet().stream().filter(e -> e.getValue().equals(updateMember)).map(Map.Entry::getKey)
                .findFirst().orElseThrow();
    }

    static boolean isOpenSearch(String member) {
        return member.startsWith("Elasticsearch") || member.startsWith("Amazonopensearch")
                || member.startsWith("AmazonOpenSearch");
    }

    /** Whether records of this destination go to S3 through the sink (the others: see docs/compatibility.md). */
    static boolean deliversToS3(String member) {
        return member.equals("ExtendedS3DestinationConfiguration") || member.equals("S3DestinationConfiguration");
    }

    /** A copy of {@code config} with the defaults AWS describes filled in where the caller left them out. */
    static ObjectNode withDefaults(String member, ObjectNode config) {
        ObjectNode out = config.deepCopy();
        switch (member) {
            case "ExtendedS3DestinationConfiguration" -> {
                s3Defaults(out, 5, 300);
                putIfAbsent(out, "S3BackupMode", JSON.textNode("Disabled"));
                if (out.get("S3BackupConfiguration") instanceof ObjectNode backup) {
                    s3Defaults(backup, 5, 300);
                }
                if (out.get("DynamicPartitioningConfiguration") instanceof ObjectNode dynamic) {
                    putIfAbsent(dynamic, "RetryOptions", JSON.objectNode().put("DurationInSeconds", 300));
                }
            }
            case "S3DestinationConfiguration" -> s3Defaults(out, 5, 300);
            case "HttpEndpointDestinationConfiguration" -> {
                bufferingDefaults(out, "BufferingHints", 5, 300);
                retryDefaults(out, 300);
                putIfAbsent(out, "S3BackupMode", JSON.textNode("FailedDataOnly"));
                putIfAbsent(out, "RequestConfiguration", JSON.objectNode().put("ContentEncoding", "NONE"));
                cloudWatchDefaults(out);
                nestedS3Defaults(out);
            }
            case "ElasticsearchDestinationConfiguration", "AmazonopensearchserviceDestinationConfiguration" -> {
                bufferingDefaults(out, "BufferingHints", 5, 300);
                retryDefaults(out, 300);
                putIfAbsent(out, "IndexRotationPeriod", JSON.textNode("OneDay"));
                putIfAbsent(out, "S3BackupMode", JSON.textNode("FailedDocumentsOnly"));
                cloudWatchDefaults(out);
                nestedS3Defaults(out);
            }
            case "AmazonOpenSearchServerlessDestinationConfiguration" -> {
                bufferingDefaults(out, "BufferingHints", 5, 300);
                retryDefaults(out, 300);
                putIfAbsent(out, "S3BackupMode", JSON.textNode("FailedDocumentsOnly"));
                cloudWatchDefaults(out);
                nestedS3Defaults(out);
            }
            case "SplunkDestinationConfiguration" -> {
                bufferingDefaults(out, "BufferingHints", 5, 60);
                retryDefaults(out, 3600);
                putIfAbsent(out, "HECAcknowledgmentTimeoutInSeconds", JSON.numberNode(180));
                putIfAbsent(out, "S3BackupMode", JSON.textNode("FailedEventsOnly"));
                cloudWatchDefaults(out);
                nestedS3Defaults(out);
            }
            case "RedshiftDestinationConfiguration" -> {
                retryDefaults(out, 3600);
                putIfAbsent(out, "S3BackupMode", JSON.textNode("Disabled"));
                cloudWatchDefaults(out);
                nestedS3Defaults(out);
            }
            default -> nestedS3Defaults(out); // Snowflake, Iceberg: stored as given, their S3 part completed
        }
        return out;
    }

    private static void nestedS3Defaults(ObjectNode out) {
        if (out.get("S3Configuration") instanceof ObjectNode s3) {
            s3Defaults(s3, 5, 300);
        }
    }

    private static void s3Defaults(ObjectNode s3, int sizeInMBs, int intervalInSeconds) {
        bufferingDefaults(s3, "BufferingHints", sizeInMBs, intervalInSeconds);
        putIfAbsent(s3, "CompressionFormat", JSON.textNode("UNCOMPRESSED"));
        putIfAbsent(s3, "EncryptionConfiguration", JSON.objectNode().put("NoEncryptionConfig", "NoEncryption"));
        cloudWatchDefaults(s3);
    }

    private static void bufferingDefaults(ObjectNode out, String member, int sizeInMBs, int intervalInSeconds) {
        ObjectNode hints = out.get(member) instanceof ObjectNode o ? o : out.putObject(member);
        putIfAbsent(hints, "SizeInMBs", JSON.numberNode(sizeInMBs));
        putIfAbsent(hints, "IntervalInSeconds", JSON.numberNode(intervalInSeconds));
    }

    private static void retryDefaults(ObjectNode out, int seconds) {
        putIfAbsent(out, "RetryOptions", JSON.objectNode().put("DurationInSeconds", seconds));
    }

    private static void cloudWatchDefaults(ObjectNode out) {
        putIfAbsent(out, "CloudWatchLoggingOptions", JSON.objectNode().put("Enabled", false));
    }

    private static void putIfAbsent(ObjectNode out, String member, JsonNode value) {
        if (!out.has(member) || out.get(member).isNull()) {
            out.set(member, value);
        }
    }

    /**
     * The configuration an UpdateDestination leaves: for the same kind, {@code update} merged into {@code current}
     * member by member (structures recursively; {@code S3Update} into {@code S3Configuration}, {@code S3BackupUpdate}
     * into {@code S3BackupConfiguration}); for another kind, the update alone (in configuration form).
     */
    static ObjectNode merge(ObjectNode current, ObjectNode update, boolean sameKind) {
        ObjectNode base = sameKind ? current.deepCopy() : JSON.objectNode();
        mergeInto(base, renameUpdateMembers(update));
        return base;
    }

    private static ObjectNode renameUpdateMembers(ObjectNode update) {
        ObjectNode out = JSON.objectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = update.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = switch (field.getKey()) {
                case "S3Update" -> "S3Configuration";
                case "S3BackupUpdate" -> "S3BackupConfiguration";
                default -> field.getKey();
            };
            out.set(name, field.getValue().deepCopy());
        }
        return out;
    }

    private static void mergeInto(ObjectNode base, ObjectNode update) {
        Iterator<Map.Entry<String, JsonNode>> fields = update.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode existing = base.get(field.getKey());
            if (existing instanceof ObjectNode existingObject && field.getValue() instanceof ObjectNode updateObject) {
                mergeInto(existingObject, updateObject);
            } else {
                base.set(field.getKey(), field.getValue());
            }
        }
    }

    /** A rule an update breaks, as InvalidArgumentException; null when it is allowed. */
    static void checkUpdate(String currentMember, String newMember, ObjectNode current, ObjectNode merged) {
        if (isOpenSearch(currentMember) != isOpenSearch(newMember)) {
            throw FirehoseErrors.INVALID_ARGUMENT.error("Changing the destination type to or from Amazon OpenSearch "
                    + "Service is not supported.");
        }
        String before = text(current, "S3BackupMode");
        String after = text(merged, "S3BackupMode");
        if ("Enabled".equals(before) && "Disabled".equals(after)) {
            throw FirehoseErrors.INVALID_ARGUMENT.error("S3 backup cannot be disabled once it is enabled.");
        }
        boolean dynamicBefore = enabled(current.get("DynamicPartitioningConfiguration"));
        boolean dynamicAfter = enabled(merged.get("DynamicPartitioningConfiguration"));
        if (dynamicBefore != dynamicAfter && currentMember.equals(newMember)) {
            throw FirehoseErrors.INVALID_ARGUMENT.error(dynamicBefore
                    ? "Dynamic partitioning cannot be disabled once it is enabled."
                    : "Dynamic partitioning cannot be enabled on an existing delivery stream.");
        }
    }

    static boolean enabled(JsonNode config) {
        return config instanceof ObjectNode o && o.has("Enabled") && o.get("Enabled").asBoolean();
    }

    static String text(JsonNode node, String member) {
        JsonNode value = node == null ? null : node.get(member);
        return value == null || value.isNull() ? null : value.asText();
    }
}
