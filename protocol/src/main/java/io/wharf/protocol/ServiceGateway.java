package io.wharf.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.auth.Credential;
import io.wharf.protocol.auth.SigV4;
import io.wharf.protocol.json.JsonDecoder;
import io.wharf.protocol.json.JsonEncoder;
import io.wharf.protocol.json.JsonFormat;
import io.wharf.protocol.model.OperationModel;
import io.wharf.protocol.model.ServiceModel;
import io.wharf.protocol.query.QueryDecoder;
import io.wharf.protocol.query.XmlEncoder;
import io.wharf.protocol.wire.WireRequest;
import io.wharf.protocol.wire.WireResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link Gateway} over a set of services. For each request it decides, in this order:
 * <ol>
 *   <li>the wire protocol: JSON (or its CBOR twin, by {@code Content-Type: application/x-amz-cbor-1.1}) when the
 *       request has {@code X-Amz-Target} or an {@code application/x-amz-json}/{@code -cbor} body, else AWS
 *       Query (form body and/or query string);</li>
 *   <li>the service: the {@code X-Amz-Target} prefix for JSON; for Query the SigV4 credential scope, then
 *       the {@code Version} parameter, then the path (an SQS queue URL), then the action name;</li>
 *   <li>the operation, whose parameters are decoded, validated against the model and handed to the
 *       service's {@link Operation}; the result or error is encoded in the caller's protocol.</li>
 * </ol>
 * Before all that, a plain GET without parameters may be for a document a service serves to anyone
 * ({@link AwsService#document}: SNS's signing certificate).
 */
public final class ServiceGateway implements Gateway {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceGateway.class);

    private final List<AwsService> services;
    private final GatewaySettings settings;

    public ServiceGateway(List<AwsService> services, GatewaySettings settings) {
        this.services = List.copyOf(services);
        this.settings = settings;
    }

    @Override
    public WireResponse handle(WireRequest request) {
        if (request.method().equals("GET") && request.query().isEmpty()) {
            for (AwsService service : services) {
                WireResponse document = service.document(request);
                if (document != null) {
                    return document;
                }
            }
        }
        String requestId = RequestIds.next();
        String target = request.header("x-amz-target");
        String mediaType = request.mediaType();
        if (target != null || JsonFormat.claims(mediaType)) {
            return json(request, target, requestId, JsonFormat.of(mediaType));
        }
        return query(request, requestId);
    }

    // ---------------------------------------------------------------- JSON 1.0 / 1.1 and CBOR

    private WireResponse json(WireRequest request, String target, String requestId, JsonFormat format) {
        AwsService service = null;
        try {
            int dot = target == null ? -1 : target.lastIndexOf('.');
            if (dot < 0) {
                throw new AwsException("UnknownOperationException", "InvalidAction", 400, true,
                        "The request must contain an X-Amz-Target header naming the operation.");
            }
            service = byTargetPrefix(target.substring(0, dot));
            if (service == null) {
                throw new AwsException("UnknownOperationException", 400, true, null);
            }
            String operationName = target.substring(dot + 1);
            OperationModel operation = service.model().operation(operationName).orElse(null);
            if (operation == null) {
                throw new AwsException("UnknownOperationException", "InvalidAction", 400, true,
                        "The action " + operationName + " is not valid for this web service.");
            }
            Credential credential = SigV4.identify(request);
            ObjectNode input = JsonDecoder.parse(request.body(), format, service.validationErrors());
            new Validator(service.validationErrors(), format.timestampsInMillis(), true)
                    .validate(input, operation.input());
            RequestContext context = context(request, requestId, credential);
            if (service.operations().get(operation.name()) instanceof EventStreamOperation streaming) {
                EventStreamOperation.Events events = streaming.open(context, new Input(input));
                return EventStreams.response(events, operation, format).withHeader("x-amzn-RequestId", requestId);
            }
            ObjectNode output = invokeWith(service, operation, context, input);
            byte[] body = JsonEncoder.encode(output, operation.output(), format);
            return WireResponse.of(200, format.contentType(service.model().jsonVersion()), body)
                    .withHeader("x-amzn-RequestId", requestId);
        } catch (AwsException e) {
            return jsonError(service, e, requestId, format);
        } catch (RuntimeException e) {
            return jsonError(service, internal(e, request), requestId, format);
        }
    }

    private WireResponse jsonError(AwsService service, AwsException error, String requestId, JsonFormat format) {
        ServiceModel model = service == null ? null : service.model();
        boolean queryCompatible = model != null && model.awsQueryCompatible();
        String type = queryCompatible ? "com.amazonaws." + model.signingName() + "#" + error.type() : error.type();
        byte[] body = JsonEncoder.error(type, error.getMessage(), format);
        WireResponse response = WireResponse.of(error.httpStatus(),
                        format.contentType(model == null ? "1.1" : model.jsonVersion()), body)
                .withHeader("x-amzn-RequestId", requestId);
        if (queryCompatible) {
            response = response.withHeader("x-amzn-query-error",
                    error.code() + ";" + (error.senderFault() ? "Sender" : "Receiver"));
        }
        return response;
    }

    // ---------------------------------------------------------------- AWS Query

    private WireResponse query(WireRequest request, String requestId) {
        AwsService service = null;
        try {
            Map<String, String> params = queryParameters(request);
            Credential credential = SigV4.identify(request);
            service = queryService(request, params, credential);
            String action = params.get("Action");
            if (action == null || action.isEmpty()) {
                throw AwsException.client("MissingAction", "The request must contain the parameter Action.");
            }
            OperationModel operation = service.model().operation(action).orElse(null);
            if (operation == null) {
                throw AwsException.client("InvalidAction", "The action " + action + " is not valid for this web service.");
            }
            ObjectNode input = QueryDecoder.decode(params, operation.input(), service.validationErrors());
            RequestContext context = context(request, requestId, credential);
            service.fromPath(request.path(), input, operation.name(), context);
            new Validator(service.validationErrors()).validate(input, operation.input());
            ObjectNode output = invokeWith(service, operation, context, input);
            String xml = XmlEncoder.response(operation, output, service.model().xmlNamespace(), requestId);
            return WireResponse.text(200, "text/xml", xml).withHeader("x-amzn-RequestId", requestId);
        } catch (AwsException e) {
            return queryError(service, e, requestId);
        } catch (RuntimeException e) {
            return queryError(service, internal(e, request), requestId);
        }
    }

    private static Map<String, String> queryParameters(WireRequest request) {
        Map<String, String> params = new LinkedHashMap<>();
        request.query().forEach((name, values) -> {
            if (!values.isEmpty()) {
                params.put(name, values.get(0));
            }
        });
        if (request.body().length > 0) {
            String mediaType = request.mediaType();
            if (mediaType.isEmpty() || mediaType.equals("application/x-www-form-urlencoded")) {
                FormDecoder.decode(request.bodyText(), params);
            }
        }
        return params;
    }

    private AwsService queryService(WireRequest request, Map<String, String> params, Credential credential) {
        List<AwsService> candidates = services.stream()
                .filter(s -> s.model().protocol().equals("query") || s.model().awsQueryCompatible())
                .toList();
        if (candidates.isEmpty()) {
            throw AwsException.client("InvalidAction", "No service speaks the Query protocol here.");
        }
        if (credential != null) {
            for (AwsService s : candidates) {
                if (s.model().signingName().equals(credential.service())) {
                    return s;
                }
            }
        }
        String version = params.get("Version");
        if (version != null) {
            for (AwsService s : candidates) {
                if (s.model().apiVersion().equals(version)) {
                    return s;
                }
            }
        }
        for (AwsService s : candidates) {
            if (s.claimsPath(request.path())) {
                return s;
            }
        }
        String action = params.get("Action");
        if (action != null) {
            List<AwsService> withAction = candidates.stream()
                    .filter(s -> s.model().operation(action).isPresent()).toList();
            if (withAction.size() == 1) {
                return withAction.get(0);
            }
        }
        return candidates.get(0);
    }

    private WireResponse queryError(AwsService service, AwsException error, String requestId) {
        String namespace = service == null ? null : service.model().xmlNamespace();
        boolean detail = service == null || service.queryErrorDetail();
        return WireResponse.text(error.httpStatus(), "text/xml", XmlEncoder.error(error, namespace, requestId, detail))
                .withHeader("x-amzn-RequestId", requestId);
    }

    // ---------------------------------------------------------------- shared

    private static ObjectNode invokeWith(AwsService service, OperationModel operation, RequestContext context,
                                         ObjectNode input) {
        Operation implementation = service.operations().get(operation.name());
        if (implementation == null) {
            throw new AwsException("NotImplemented", 501, false,
                    "Wharf does not implement " + operation.name() + " yet.");
        }
        return implementation.invoke(context, new Input(input));
    }

    private RequestContext context(WireRequest request, String requestId, Credential credential) {
        String host = settings.urlHost();
        if (host == null) {
            host = request.header("host");
        }
        if (host == null || host.isBlank()) {
            host = "localhost";
        }
        String region = credential != null ? credential.region() : settings.region();
        return new RequestContext(requestId, accountOf(credential), region,
                credential == null ? null : credential.accessKeyId(), host, "http", request.path());
    }

    /**
     * The account a request acts as: an access key ID of exactly 12 digits names its account (so one server can
     * hold several accounts, for cross-account setups, as LocalStack does); any other key, or none, acts as
     * {@code --account-id}.
     */
    private String accountOf(Credential credential) {
        String key = credential == null ? null : credential.accessKeyId();
        return key != null && ACCOUNT_KEY.matcher(key).matches() ? key : settings.accountId();
    }

    private static final java.util.regex.Pattern ACCOUNT_KEY = java.util.regex.Pattern.compile("\\d{12}");

    private static AwsException internal(Exception e, WireRequest request) {
        LOG.error("Internal failure on {} {}", request.method(), request.path(), e);
        return AwsException.internal();
    }

    private AwsService byTargetPrefix(String prefix) {
        for (AwsService s : services) {
            if (prefix.equals(s.model().targetPrefix())) {
                return s;
            }
        }
        return null;
    }

}
