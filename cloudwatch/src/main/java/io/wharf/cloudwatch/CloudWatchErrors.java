package io.wharf.cloudwatch;

import io.wharf.protocol.AwsException;
import io.wharf.protocol.CoralValidation;
import io.wharf.protocol.ValidationErrors;

/**
 * Every error CloudWatch answers, in one table: the model's shape name ({@code __type} in JSON and RPC v2 CBOR, where
 * the protocol layer puts the namespace {@code com.amazonaws.cloudwatch.v2010_08_01} in front), the Query code (the
 * Query {@code <Code>} and the {@code x-amzn-query-error} header) and the HTTP status. Model violations are Coral's
 * {@code ValidationException}, coded {@code ValidationError}, with Coral's wording over lower-camel member paths (AWS's
 * answers recorded in LocalStack's {@code test_cloudwatch.snapshot.json}, e.g. for SetAlarmState's enum).
 */
public enum CloudWatchErrors {
    INVALID_PARAMETER_VALUE("InvalidParameterValueException", "InvalidParameterValue", 400),
    INVALID_PARAMETER_COMBINATION("InvalidParameterCombinationException", "InvalidParameterCombination", 400),
    MISSING_PARAMETER("MissingRequiredParameterException", "MissingParameter", 400),
    LIMIT_EXCEEDED("LimitExceededException", "LimitExceededException", 400),
    /** PutMetricAlarm's limit. */
    LIMIT_EXCEEDED_FAULT("LimitExceededFault", "LimitExceeded", 400),
    /** DeleteAlarms' and SetAlarmState's unknown alarm. */
    RESOURCE_NOT_FOUND("ResourceNotFound", "ResourceNotFound", 404),
    /** The tagging actions' unknown resource. */
    RESOURCE_NOT_FOUND_EXCEPTION("ResourceNotFoundException", "ResourceNotFoundException", 404),
    INVALID_FORMAT("InvalidFormatFault", "InvalidFormat", 400),
    INVALID_NEXT_TOKEN("InvalidNextToken", "InvalidNextToken", 400),
    /** Model violations: the type is already a shape id, so the protocol layer leaves it as it is. */
    VALIDATION("com.amazon.coral.validate#ValidationException", "ValidationError", 400),
    SERIALIZATION("com.amazon.coral.service#SerializationException", "SerializationException", 400),
    INTERNAL("InternalServiceFault", "InternalServiceError", 500);

    private final String type;
    private final String code;
    private final int httpStatus;

    CloudWatchErrors(String type, String code, int httpStatus) {
        this.type = type;
        this.code = code;
        this.httpStatus = httpStatus;
    }

    public AwsException error(String message) {
        return new AwsException(type, code, httpStatus, httpStatus < 500, message);
    }

    public String code() {
        return code;
    }

    /** {@code The value <v> for parameter <p> is invalid.} */
    public static AwsException invalidValue(String parameter, Object value) {
        return INVALID_PARAMETER_VALUE.error("The value " + value + " for parameter " + parameter + " is invalid.");
    }

    /** {@code The parameters <a> and <b> are mutually exclusive and you have specified both.} */
    public static AwsException exclusive(String first, String second) {
        return INVALID_PARAMETER_COMBINATION.error("The parameters " + first + " and " + second
                + " are mutually exclusive and you have specified both.");
    }

    /** {@code The collection <p> must not have a size greater than <n>.} */
    public static AwsException tooMany(String parameter, int max) {
        return INVALID_PARAMETER_VALUE.error("The collection " + parameter + " must not have a size greater than "
                + max + ".");
    }

    /** CloudWatch words model violations as Coral ValidationExceptions (see {@link CoralValidation}). */
    public static final ValidationErrors VALIDATION_ERRORS = CoralValidation.errors(VALIDATION::error,
            SERIALIZATION::error);
}
