package io.wharf.protocol.restjson;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.AwsException;
import io.wharf.protocol.AwsService;
import io.wharf.protocol.RequestCompression;
import io.wharf.protocol.ValidationErrors;
import io.wharf.protocol.model.OperationModel;
import io.wharf.protocol.model.Shape;
import io.wharf.protocol.rest.RestRouter;
import io.wharf.protocol.wire.WireRequest;
import io.wharf.protocol.wire.WireResponse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The REST-JSON protocol as the gateway uses it (Amazon MQ; later Kinesis Video Streams): which requests are REST-JSON,
 * which operation a request is ({@link RestRouter} over the model's {@code http} traits), and the codecs
 * ({@link RestJsonDecoder}, {@link RestJsonEncoder}).
 *
 * <p>A request is REST-JSON when it has no {@code X-Amz-Target} and no RPC v2 path, and its SigV4 credential scope
 * names a REST-JSON service's signing name. (Every SDK and the CLI sign, with authorization enforced or not; an
 * unsigned REST request stays S3's, as before.)
 */
public final class RestJson {
    private final Map<String, AwsService> bySigningName = new HashMap<>();
    private final Map<AwsService, RestRouter> routers = new HashMap<>();

    private RestJson(List<AwsService> services) {
        for (AwsService service : services) {
            bySigningName.put(service.model().signingName(), service);
            routers.put(service, new RestRouter(service.model()));
        }
    }

    /** The REST-JSON side of a gateway over {@code services} (those of protocol {@code rest-json} are kept). */
    public static RestJson over(List<AwsService> services) {
        List<AwsService> kept = new ArrayList<>();
        for (AwsService service : services) {
            if ("rest-json".equals(service.model().protocol())) {
                kept.add(service);
            }
        }
        return new RestJson(kept);
    }

    /** The REST-JSON service whose signing name a credential scope names, or null. */
    public AwsService claims(String scopeService) {
        return scopeService == null ? null : bySigningName.get(scopeService);
    }

    /** The operation a request is, with its URI labels. */
    public record Routed(OperationModel operation, Map<String, String> labels) {
    }

    /**
     * The operation of {@code service} that {@code request} is; nothing fitting is {@code UnknownOperationException}
     * 404, or {@code MethodNotAllowedException} 405 when the path is some operation's under another method.
     */
    public Routed route(AwsService service, WireRequest request) {
        RestRouter.Result result = routers.get(service).route(request.method(), request.origin().rawPath(),
                request.query(), request.headers());
        return switch (result) {
            case RestRouter.Match match -> new Routed(match.operation(), match.labels());
            case RestRouter.Miss miss -> throw miss.methodNotAllowed()
                    ? new AwsException("MethodNotAllowedException", 405, true, "The method " + request.method()
                            + " is not allowed for " + request.origin().rawPath() + ".")
                    : new AwsException("UnknownOperationException", 404, true, "No operation of "
                            + service.model().endpointPrefix() + " answers " + request.method() + " "
                            + request.origin().rawPath() + ".");
        };
    }

    /** The input tree of a routed request (validate it with {@code timestampsInMillis}). */
    public ObjectNode decode(AwsService service, WireRequest request, Routed routed, ValidationErrors errors) {
        return RestJsonDecoder.decode(request, routed.labels(), routed.operation().input(), errors,
                RequestCompression.body(request, errors));
    }

    public WireResponse encode(OperationModel operation, ObjectNode output, String requestId) {
        return RestJsonEncoder.encode(operation, output).withHeader("x-amzn-RequestId", requestId);
    }

    /** The error as REST-JSON writes it, through the model's error shape when it has one. */
    public static WireResponse error(AwsService service, AwsException error, String requestId) {
        Shape shape = null;
        if (service != null) {
            try {
                shape = service.model().shape(error.code());
            } catch (IllegalStateException notInTheModel) {
                shape = null;
            }
        }
        return RestJsonEncoder.error(error, shape, requestId);
    }
}
