package io.wharf.protocol.rpcv2;

import io.wharf.protocol.wire.WireRequest;

/**
 * How a Smithy RPC v2 CBOR request is recognised and what its answers carry
 * (https://smithy.io/2.0/additional-specs/protocols/smithy-rpc-v2.html).
 *
 * <p>A request is this protocol's when it is a {@code POST} with the {@code smithy-protocol: rpc-v2-cbor} header and its path ends in
 * {@code /service/<ServiceName>/operation/<OperationName>} (the spec lets a prefix come before it). The service name
 * is the Smithy service shape's name, which for AWS services is the model's {@code targetPrefix}
 * ({@code GraniteServiceVersion20100801} for CloudWatch); the operation name is the bare operation name, never a
 * namespaced shape id. Every answer, success or error, carries the same header; errors are a CBOR map with
 * {@code __type} (the error's shape id) and {@code message}.
 */
public final class RpcV2Cbor {
    /** The header that marks the protocol, on requests and answers. */
    public static final String HEADER = "smithy-protocol";
    /** Its value. */
    public static final String PROTOCOL = "rpc-v2-cbor";
    /** The protocol's name in a model's {@code metadata.protocols}. */
    public static final String MODEL_PROTOCOL = "smithy-rpc-v2-cbor";

    private static final String SERVICE = "/service/";
    private static final String OPERATION = "/operation/";

    private RpcV2Cbor() {
    }

    /** The service and operation a request names. */
    public record Route(String service, String operation) {
    }

    /** The route of an RPC v2 CBOR request, or null when the request is not one. */
    public static Route claims(WireRequest request) {
        String protocol = request.header(HEADER);
        if (protocol == null || !protocol.trim().equals(PROTOCOL) || !request.method().equals("POST")) {
            return null;
        }
        return parsePath(request.path());
    }

    /**
     * The service and operation named by a path ending in {@code /service/<s>/operation/<o>}, or null when the path
     * has another form (a missing or empty name, extra segments after the operation, a {@code #} in a name).
     */
    public static Route parsePath(String path) {
        if (path == null) {
            return null;
        }
        int operationAt = path.lastIndexOf(OPERATION);
        if (operationAt < 0) {
            return null;
        }
        int serviceAt = path.lastIndexOf(SERVICE, operationAt);
        if (serviceAt < 0) {
            return null;
        }
        String service = path.substring(serviceAt + SERVICE.length(), operationAt);
        String operation = path.substring(operationAt + OPERATION.length());
        if (!name(service) || !name(operation)) {
            return null;
        }
        return new Route(service, operation);
    }

    /** A shape name: letters, digits and underscores, as Smithy's identifiers are. */
    private static boolean name(String text) {
        if (text.isEmpty() || text.length() > 256) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_')) {
                return false;
            }
        }
        return true;
    }
}
