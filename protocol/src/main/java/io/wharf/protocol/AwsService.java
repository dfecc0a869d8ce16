package io.wharf.protocol;

import io.wharf.protocol.auth.AccessCheck;
import io.wharf.protocol.auth.AuthException;
import io.wharf.protocol.auth.Decision;
import io.wharf.protocol.auth.Principal;
import io.wharf.protocol.model.ServiceModel;

import java.util.List;
import java.util.Map;

/**
 * A service as the protocol layer sees it: its model, the implementation of each operation, and the
 * service's own wording for the generic errors (validation, unknown operation).
 */
public interface AwsService {
    ServiceModel model();

    /** Operation name → implementation. Operations of the model that are missing here answer as unsupported. */
    Map<String, Operation> operations();

    /** How this service words validation failures; AWS services differ. */
    default ValidationErrors validationErrors() {
        return ValidationErrors.DEFAULT;
    }

    /**
     * For Query requests sent to a resource path (an SQS queue URL, {@code /000000000000/q}): fill
     * parameters the path implies (SQS takes {@code QueueUrl} from it when absent). The default does nothing.
     */
    default void fromPath(String path, com.fasterxml.jackson.databind.node.ObjectNode input, String operation,
                          RequestContext context) {
    }

    /**
     * A document this service serves to anyone with a plain {@code GET}, outside the AWS protocols (SNS's
     * signing certificate at its SigningCertURL), or null when the request is not for one. Asked before any
     * protocol decoding, for GET requests only; must be cheap when the path is not its own.
     */
    default io.wharf.protocol.wire.WireResponse document(io.wharf.protocol.wire.WireRequest request) {
        return null;
    }

    /**
     * Whether this service's Query errors carry an empty {@code <Detail/>} inside {@code <Error>}, as SQS's do; IAM's
     * and STS's do not.
     */
    default boolean queryErrorDetail() {
        return true;
    }

    /** Whether a Query request to this path belongs to this service when nothing else says. */
    default boolean claimsPath(String path) {
        return false;
    }

    /**
     * The {@code __type} of a JSON error answer for a service that is not {@code awsQueryCompatible}; by default the
     * error's type. DynamoDB puts its namespace in front ({@code com.amazonaws.dynamodb.v20120810#…}).
     */
    default String jsonErrorType(AwsException error) {
        return error.type();
    }

    // ---------------------------------------------------------------- identity and access

    /**
     * What a call needs permission for, from its decoded and validated parameters: usually one
     * {@link AccessCheck} (the action and the resource ARN), none for calls that need no permission. The default asks
     * for {@code <signing name>:<Operation>} on {@code *}; services with resources override it.
     */
    default List<AccessCheck> accessChecks(String operation, Input input, RequestContext context) {
        return List.of(AccessCheck.anyResource(model().signingName() + ":" + operation));
    }

    /**
     * The resource-based policy of one of this service's resources (a queue's or topic's {@code Policy}, a stream's
     * or consumer's resource policy, a role's trust policy), or null when it has none or does not exist.
     */
    default String resourcePolicy(String resourceArn) {
        return null;
    }

    /** The tags of one of this service's resources ({@code aws:ResourceTag/…}); empty when none. */
    default Map<String, String> resourceTags(String resourceArn) {
        return Map.of();
    }

    /**
     * Whether a call may come without any credentials even when signatures are verified, its parameters being the
     * proof (SNS ConfirmSubscription and Unsubscribe from the URLs SNS sends). Such calls run as
     * {@link Principal#anonymous()}; their {@link #accessChecks} still apply.
     */
    default boolean allowsAnonymous(String operation) {
        return false;
    }

    /**
     * Whether an unsigned call is treated as an anonymous caller that a resource policy may admit (SQS: a queue policy
     * granting {@code "*"}), rather than refused as unauthenticated. Only where policies are enforced.
     */
    default boolean anonymousByPolicy() {
        return false;
    }

    /**
     * How this service words an authentication failure; the default is by protocol family (see {@link AuthErrors}).
     *
     * @param requestUrl the URL the request went to ({@code http://host:port/path}), for services that name it
     */
    default AwsException authenticationError(AuthException failure, String requestUrl) {
        return AuthErrors.forProtocol(model(), failure);
    }

    /** How this service words a denied call; the default is AWS's "User: … is not authorized to perform: …". */
    default AwsException accessDenied(AccessCheck check, Decision decision, RequestContext context) {
        return AuthErrors.accessDenied(model(), decision.message(context.principal(), check.action(),
                check.resourceArn()));
    }
}
