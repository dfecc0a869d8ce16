package io.wharf.kinesis;

import io.wharf.protocol.AwsException;
import io.wharf.protocol.CoralValidation;
import io.wharf.protocol.ValidationErrors;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Every error Kinesis answers, in one table, with AWS's wording where it is known (kinesis.md §1.4, §2–3;
 * texts marked UNVERIFIED there are ours). The engine throws {@code KinesisErrors.X.error(message)} or one of
 * the helpers below; nothing else decides how a Kinesis error looks on the wire.
 */
public enum KinesisErrors {
    RESOURCE_NOT_FOUND("ResourceNotFoundException", 400),
    RESOURCE_IN_USE("ResourceInUseException", 400),
    INVALID_ARGUMENT("InvalidArgumentException", 400),
    LIMIT_EXCEEDED("LimitExceededException", 400),
    EXPIRED_ITERATOR("ExpiredIteratorException", 400),
    EXPIRED_NEXT_TOKEN("ExpiredNextTokenException", 400),
    VALIDATION("ValidationException", 400),
    PROVISIONED_THROUGHPUT_EXCEEDED("ProvisionedThroughputExceededException", 400),
    SERIALIZATION("SerializationException", 400),
    KMS_DISABLED("KMSDisabledException", 400),
    KMS_NOT_FOUND("KMSNotFoundException", 400),
    KMS_INVALID_STATE("KMSInvalidStateException", 400),
    KMS_ACCESS_DENIED("KMSAccessDeniedException", 400),
    KMS_OPT_IN_REQUIRED("KMSOptInRequired", 400),
    KMS_THROTTLING("KMSThrottlingException", 400);

    /**
     * What Kinesis answers when KMS refuses the stream's key (StartStreamEncryption, PutRecord(s), GetRecords):
     * the model's KMS* exception with KMS's own message. A key that cannot encrypt is Kinesis's
     * InvalidArgumentException, as AWS answers a non-symmetric key.
     */
    public static AwsException kms(io.wharf.protocol.crypto.KmsFailure failure) {
        String message = failure.getMessage() == null || failure.getMessage().isEmpty()
                ? "The request was rejected because of the state of the stream's KMS key." : failure.getMessage();
        return switch (failure.kind()) {
            case DISABLED -> KMS_DISABLED.error(message);
            case NOT_FOUND -> KMS_NOT_FOUND.error(message);
            case ACCESS_DENIED -> KMS_ACCESS_DENIED.error(message);
            case INVALID_KEY_USAGE -> INVALID_ARGUMENT.error(message);
            case INVALID_STATE, INVALID_CIPHERTEXT, OTHER -> KMS_INVALID_STATE.error(message);
        };
    }

    private static final DateTimeFormatter AWS_DATE =
            DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss 'UTC' yyyy", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final String type;
    private final int httpStatus;

    KinesisErrors(String type, int httpStatus) {
        this.type = type;
        this.httpStatus = httpStatus;
    }

    public String type() {
        return type;
    }

    public AwsException error(String message) {
        return new AwsException(type, httpStatus, httpStatus < 500, message);
    }

    public static AwsException streamNotFound(String stream, String account) {
        return RESOURCE_NOT_FOUND.error("Stream " + stream + " under account " + account + " not found.");
    }

    public static AwsException streamInUse(String stream, String account, String status) {
        return RESOURCE_IN_USE.error("Stream " + stream + " under account " + account + " not ACTIVE, instead in state "
                + status);
    }

    public static AwsException shardNotFound(String shardId, String stream, String account) {
        return RESOURCE_NOT_FOUND.error("Shard " + shardId + " in stream " + stream + " under account " + account
                + " does not exist");
    }

    public static AwsException couldNotFindShard(String given, String stream, String account) {
        return RESOURCE_NOT_FOUND.error("Could not find shard " + given + " in stream " + stream + " under account "
                + account + ".");
    }

    /**
     * What AWS says when a shard's throughput is exceeded: GetRecords' and PutRecord's exception message, and a
     * failed PutRecords entry's ErrorMessage.
     */
    public static String rateExceeded(String shardId, String stream, String account) {
        return "Rate exceeded for shard " + shardId + " in stream " + stream + " under account " + account + ".";
    }

    public static AwsException iteratorExpired(long createdMillis, long nowMillis) {
        return EXPIRED_ITERATOR.error("Iterator expired. The iterator was created at time "
                + AWS_DATE.format(Instant.ofEpochMilli(createdMillis)) + " while right now it is "
                + AWS_DATE.format(Instant.ofEpochMilli(nowMillis))
                + " which is further in the future than the tolerated delay of 300000 milliseconds.");
    }

    public static AwsException shardLimit(String account, String region, int current, int limit, int additional) {
        return LIMIT_EXCEEDED.error("This request would exceed the shard limit for the account " + account + " in "
                + region + ". Current shard count for the account: " + current + ". Limit: " + limit
                + ". Number of additional shards that would have resulted from this request: " + additional
                + ". Refer to the AWS Service Limits page "
                + "(http://docs.aws.amazon.com/general/latest/gr/aws_service_limits.html) for current limits and how "
                + "to request higher limits.");
    }

    /** Coral's wording: {@code 1 validation error detected: Value '<v>' at '<path>' failed to satisfy constraint: <c>}. */
    public static AwsException validation(String path, Object value, String constraint) {
        return VALIDATION.error(CoralValidation.message(path, value, constraint));
    }

    /** How Java's ByteBuffer prints itself: what AWS shows for a blob in a validation message. */
    public static String blobDisplay(int length) {
        return CoralValidation.blobDisplay(length);
    }

    /** Kinesis words model violations as Coral ValidationExceptions (see {@link CoralValidation}). */
    public static final ValidationErrors VALIDATION_ERRORS = CoralValidation.errors(VALIDATION::error,
            SERIALIZATION::error);

    /** The validator's path in Coral's form ({@code records.1.member.data}). */
    static String memberPath(String path) {
        return CoralValidation.memberPath(path);
    }
}
