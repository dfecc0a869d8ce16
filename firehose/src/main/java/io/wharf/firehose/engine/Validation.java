package io.wharf.firehose.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.firehose.FirehoseErrors;

/**
 * The rules of CreateDeliveryStream and UpdateDestination beyond the model's shapes (which the protocol layer has
 * already checked): one destination, a source matching the stream type, encryption only for DirectPut, and the
 * prefix rules of {@link ObjectKeys}.
 */
final class Validation {
    private Validation() {
    }

    static void checkCreate(FirehoseEngine.CreateCommand c, String type) {
        if (c.destinationMember() == null) {
            throw FirehoseErrors.INVALID_ARGUMENT.error("Exactly one destination configuration is supported for a "
                    + "Firehose");
        }
        String expectedSource = switch (type) {
            case "KinesisStreamAsSource" -> "KinesisStreamSourceConfiguration";
            case "MSKAsSource" -> "MSKSourceConfiguration";
            case "DatabaseAsSource" -> "DatabaseSourceConfiguration";
            default -> null;
        };
        if (expectedSource != null && !expectedSource.equals(c.sourceMember())) {
            throw FirehoseErrors.INVALID_ARGUMENT.error(expectedSource + " is required when DeliveryStreamType is "
                    + type + ".");
        }
        if (c.sourceMember() != null && !c.sourceMember().equals("DirectPutSourceConfiguration")
                && !c.sourceMember().equals(expectedSource)) {
            throw FirehoseErrors.INVALID_ARGUMENT.error(c.sourceMember() + " is not supported for DeliveryStreamType "
                    + type + ".");
        }
        if (c.encryptionKeyType() != null && !type.equals("DirectPut")) {
            throw FirehoseErrors.INVALID_ARGUMENT.error("DeliveryStreamEncryptionConfigurationInput is only supported "
                    + "for DirectPut delivery streams.");
        }
    }

    /** The destination's own rules (prefixes, time zone, processors) on its configuration with defaults filled in. */
    static void checkDestination(String member, ObjectNode destination) {
        checkDelimiters(destination.get("ProcessingConfiguration"));
        if (Destinations.deliversToS3(member)) {
            checkS3(destination, Destinations.enabled(destination.get("DynamicPartitioningConfiguration")));
            if (destination.get("S3BackupConfiguration") instanceof ObjectNode backup) {
                checkS3(backup, false);
            }
        } else if (destination.get("S3Configuration") instanceof ObjectNode s3) {
            checkS3(s3, false);
        }
    }

    private static void checkS3(ObjectNode s3, boolean dynamicPartitioning) {
        ObjectKeys.validate(Destinations.text(s3, "Prefix"), Destinations.text(s3, "ErrorOutputPrefix"),
                dynamicPartitioning);
        ObjectKeys.zone(Destinations.text(s3, "CustomTimeZone"));
    }

    /** A destination replacing one of another kind must carry what its kind requires (BucketARN for S3). */
    static void checkRequired(String member, ObjectNode destination) {
        if (Destinations.deliversToS3(member) && missing(destination, "BucketARN")) {
            throw FirehoseErrors.INVALID_ARGUMENT.error("BucketARN is required when changing the destination type.");
        }
        if (!Destinations.deliversToS3(member) && missing(destination, "S3Configuration")) {
            throw FirehoseErrors.INVALID_ARGUMENT.error("S3Configuration is required when changing the destination "
                    + "type.");
        }
    }

    /**
     * The {@code Delimiter} of RecordDeAggregation and AppendDelimiterToRecord is the delimiter's bytes in base64
     * ({@code Cg==} for a line feed): anything else is refused here rather than failing every delivery later.
     */
    private static void checkDelimiters(JsonNode processing) {
        if (processing == null) {
            return;
        }
        for (JsonNode processor : processing.path("Processors")) {
            for (JsonNode parameter : processor.path("Parameters")) {
                if (!parameter.path("ParameterName").asText().equals("Delimiter")) {
                    continue;
                }
                String value = parameter.path("ParameterValue").asText();
                try {
                    if (java.util.Base64.getDecoder().decode(value).length == 0) {
                        throw new IllegalArgumentException("empty");
                    }
                } catch (IllegalArgumentException e) {
                    throw FirehoseErrors.INVALID_ARGUMENT.error("The Delimiter parameter of the "
                            + processor.path("Type").asText() + " processor must be a base64-encoded, non-empty "
                            + "delimiter (e.g. Cg== for a line feed), not '" + value + "'.");
                }
            }
        }
    }

    private static boolean missing(ObjectNode node, String member) {
        JsonNode value = node.get(member);
        return value == null || value.isNull();
    }
}
