package io.wharf.s3;

import io.wharf.protocol.AwsException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every error S3 answers, in one table: AWS's code, HTTP status and message. S3's XML error carries extra elements
 * beside {@code <Code>} and {@code <Message>} ({@code <BucketName>}, {@code <Key>}, {@code <Condition>}…); the helpers
 * below name them, and {@link #error(String, String...)} attaches them to the exception for the rest-xml encoder.
 * The engine throws these; nothing else decides how an S3 error looks on the wire.
 */
public enum S3Errors {
    ACCESS_DENIED("AccessDenied", 403, "Access Denied"),
    BAD_DIGEST("BadDigest", 400, "The Content-MD5 you specified did not match what we received."),
    BAD_REQUEST("BadRequest", 400, "Bad Request"),
    BUCKET_ALREADY_EXISTS("BucketAlreadyExists", 409, "The requested bucket name is not available. The bucket namespace"
            + " is shared by all users of the system. Please select a different name and try again."),
    BUCKET_ALREADY_OWNED_BY_YOU("BucketAlreadyOwnedByYou", 409,
            "Your previous request to create the named bucket succeeded and you already own it."),
    BUCKET_NOT_EMPTY("BucketNotEmpty", 409, "The bucket you tried to delete is not empty"),
    CONDITIONAL_REQUEST_CONFLICT("ConditionalRequestConflict", 409, "A conflicting operation occurred. If using"
            + " PutObject you can retry the request. If using CompleteMultipartUpload you should create a new upload."),
    ENTITY_TOO_LARGE("EntityTooLarge", 400, "Your proposed upload exceeds the maximum allowed size"),
    ENTITY_TOO_SMALL("EntityTooSmall", 400, "Your proposed upload is smaller than the minimum allowed object size."),
    ILLEGAL_LOCATION_CONSTRAINT("IllegalLocationConstraintException", 400, "The unspecified location constraint is"
            + " incompatible for the region specific endpoint this request was sent to."),
    INCOMPLETE_BODY("IncompleteBody", 400, "You did not provide the number of bytes specified by the Content-Length"
            + " HTTP header"),
    INVALID_ARGUMENT("InvalidArgument", 400, "Invalid Argument"),
    INVALID_BUCKET_NAME("InvalidBucketName", 400, "The specified bucket is not valid."),
    INVALID_DIGEST("InvalidDigest", 400, "The Content-MD5 you specified was not valid."),
    INVALID_LOCATION_CONSTRAINT("InvalidLocationConstraint", 400, "The specified location-constraint is not valid"),
    INVALID_PART("InvalidPart", 400, "One or more of the specified parts could not be found.  The part may not have"
            + " been uploaded, or the specified entity tag may not match the part's entity tag."),
    INVALID_PART_NUMBER("InvalidPartNumber", 416, "The requested partnumber is not satisfiable"),
    INVALID_PART_ORDER("InvalidPartOrder", 400,
            "The list of parts was not in ascending order. Parts must be ordered by part number."),
    INVALID_RANGE("InvalidRange", 416, "The requested range is not satisfiable"),
    INVALID_REQUEST("InvalidRequest", 400, "Invalid Request"),
    INVALID_TAG("InvalidTag", 400, "The TagKey you have provided is invalid"),
    KEY_TOO_LONG("KeyTooLongError", 400, "Your key is too long"),
    MALFORMED_POLICY("MalformedPolicy", 400, "Policies must be valid JSON and the first byte must be '{'"),
    MALFORMED_XML("MalformedXML", 400, "The XML you provided was not well-formed or did not validate against our"
            + " published schema"),
    METADATA_TOO_LARGE("MetadataTooLarge", 400, "Your metadata headers exceed the maximum allowed metadata size."),
    METHOD_NOT_ALLOWED("MethodNotAllowed", 405, "The specified method is not allowed against this resource."),
    NO_SUCH_BUCKET("NoSuchBucket", 404, "The specified bucket does not exist"),
    NO_SUCH_BUCKET_POLICY("NoSuchBucketPolicy", 404, "The bucket policy does not exist"),
    NO_SUCH_KEY("NoSuchKey", 404, "The specified key does not exist."),
    NO_SUCH_TAG_SET("NoSuchTagSet", 404, "The TagSet does not exist"),
    NO_SUCH_UPLOAD("NoSuchUpload", 404, "The specified upload does not exist. The upload ID may be invalid, or the"
            + " upload may have been aborted or completed."),
    NOT_IMPLEMENTED("NotImplemented", 501, "A header you provided implies functionality that is not implemented"),
    NOT_MODIFIED("NotModified", 304, "Not Modified"),
    PRECONDITION_FAILED("PreconditionFailed", 412, "At least one of the pre-conditions you specified did not hold"),
    INTERNAL_ERROR("InternalError", 500, "We encountered an internal error. Please try again.");

    private final String code;
    private final int httpStatus;
    private final String message;

    S3Errors(String code, int httpStatus, String message) {
        this.code = code;
        this.httpStatus = httpStatus;
        this.message = message;
    }

    public String code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The error with AWS's usual message. */
    public AwsException error() {
        return error(message);
    }

    /**
     * The error with {@code message} and extra elements given as name/value pairs (null values are left out), e.g.
     * {@code NO_SUCH_KEY.error(msg, "Key", key)}.
     */
    public AwsException error(String message, String... details) {
        AwsException e = new AwsException(code, httpStatus, httpStatus < 500, message);
        Map<String, String> extra = new LinkedHashMap<>();
        for (int i = 0; i + 1 < details.length; i += 2) {
            if (details[i + 1] != null) {
                extra.put(details[i], details[i + 1]);
            }
        }
        return attach(e, extra);
    }

    /** The error with AWS's usual message and extra elements. */
    public AwsException withDetails(String... details) {
        return error(message, details);
    }

    /** Where the extra elements meet the exception; the one place that knows how AwsException carries them. */
    private static AwsException attach(AwsException e, Map<String, String> extra) {
        return S3ErrorDetails.attach(e, extra);
    }

    // ------------------------------------------------------------------ the common ones with their elements

    public static AwsException noSuchBucket(String bucket) {
        return NO_SUCH_BUCKET.withDetails("BucketName", bucket);
    }

    public static AwsException noSuchKey(String key) {
        return NO_SUCH_KEY.withDetails("Key", key);
    }

    public static AwsException noSuchUpload(String uploadId) {
        return NO_SUCH_UPLOAD.withDetails("UploadId", uploadId);
    }

    public static AwsException preconditionFailed(String condition) {
        return PRECONDITION_FAILED.withDetails("Condition", condition);
    }

    public static AwsException invalidArgument(String message, String name, String value) {
        return INVALID_ARGUMENT.error(message, "ArgumentName", name, "ArgumentValue", value);
    }

    public static AwsException invalidRequest(String message) {
        return INVALID_REQUEST.error(message);
    }

    public static AwsException notImplemented(String header) {
        return NOT_IMPLEMENTED.withDetails("Header", header);
    }
}
