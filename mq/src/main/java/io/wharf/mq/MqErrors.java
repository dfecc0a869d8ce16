package io.wharf.mq;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.wharf.protocol.AwsException;
import io.wharf.protocol.ValidationErrors;
import io.wharf.protocol.model.Shape;

/**
 * Every error Amazon MQ answers, in one table: the model's error shapes with their HTTP statuses. An MQ error body is
 * {@code {"errorAttribute": "...", "message": "..."}} with the shape's name in {@code x-amzn-ErrorType}; the
 * attribute names the request member at fault in the API's own spelling ({@code broker-id}, {@code password}).
 */
public enum MqErrors {
    BAD_REQUEST("BadRequestException", 400),
    UNAUTHORIZED("UnauthorizedException", 401),
    FORBIDDEN("ForbiddenException", 403),
    NOT_FOUND("NotFoundException", 404),
    CONFLICT("ConflictException", 409),
    INTERNAL("InternalServerErrorException", 500);

    private final String type;
    private final int httpStatus;

    MqErrors(String type, int httpStatus) {
        this.type = type;
        this.httpStatus = httpStatus;
    }

    public String type() {
        return type;
    }

    /** This error about {@code attribute} (null: none named). */
    public AwsException error(String attribute, String message) {
        AwsException e = new AwsException(type, httpStatus, httpStatus < 500, message);
        return attribute == null ? e : e.withMember("ErrorAttribute", JsonNodeFactory.instance.textNode(attribute));
    }

    public static AwsException brokerNotFound(String brokerId) {
        return NOT_FOUND.error("broker-id", "Can't find requested broker [" + brokerId + "]. Make sure your broker exists.");
    }

    public static AwsException configurationNotFound(String configurationId) {
        return NOT_FOUND.error("configuration-id", "Can't find requested configuration [" + configurationId
                + "]. Make sure your configuration exists.");
    }

    public static AwsException revisionNotFound(String configurationId, String revision) {
        return NOT_FOUND.error("configuration-revision", "Can't find requested revision [" + revision
                + "] of configuration [" + configurationId + "]. Make sure your revision exists.");
    }

    public static AwsException userNotFound(String username) {
        return NOT_FOUND.error("username", "Can't find requested user [" + username + "]. Make sure your user exists.");
    }

    public static AwsException resourceNotFound(String arn) {
        return NOT_FOUND.error("resource-arn", "Can't find requested resource [" + arn
                + "]. Make sure your resource exists.");
    }

    public static AwsException badRequest(String attribute, String message) {
        return BAD_REQUEST.error(attribute, message);
    }

    /**
     * The model's violations as MQ words them: a {@code BadRequestException} naming the member by its wire name.
     * (MQ's service validates before the operation as every AWS REST service does; its texts are not documented, so
     * these follow the shape of its documented ones.)
     */
    public static final ValidationErrors VALIDATION_ERRORS = new ValidationErrors() {
        @Override
        public AwsException missing(String path) {
            String attribute = attribute(path);
            return BAD_REQUEST.error(attribute, "The request must contain the parameter " + attribute + ".");
        }

        @Override
        public AwsException invalid(String path, Object value, Shape shape, String reason) {
            String attribute = attribute(path);
            return BAD_REQUEST.error(attribute, "Parameter [" + attribute + "] is invalid. " + reason + ".");
        }

        @Override
        public AwsException outsideEnum(String path, String value, Shape shape) {
            String attribute = attribute(path);
            return BAD_REQUEST.error(attribute, "Parameter [" + attribute + "] value [" + value
                    + "] is invalid. Valid values are: " + shape.enumValues());
        }

        @Override
        public AwsException malformed(String detail) {
            return BAD_REQUEST.error(null, "The request body could not be parsed: " + detail);
        }
    };

    /** {@code Users.1.Password} → {@code users.1.password}: the API's camel-case member names. */
    static String attribute(String path) {
        StringBuilder out = new StringBuilder(path.length());
        boolean segmentStart = true;
        for (char c : path.toCharArray()) {
            out.append(segmentStart ? Character.toLowerCase(c) : c);
            segmentStart = c == '.' || c == '/';
        }
        return out.toString();
    }
}
