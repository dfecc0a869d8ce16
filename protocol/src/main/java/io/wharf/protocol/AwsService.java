package io.wharf.protocol;

import io.wharf.protocol.model.ServiceModel;

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

    /** Whether a Query request to this path belongs to this service when nothing else says. */
    default boolean claimsPath(String path) {
        return false;
    }
}
