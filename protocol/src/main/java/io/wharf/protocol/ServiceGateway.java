package io.wharf.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.auth.AccessCheck;
import io.wharf.protocol.auth.AccessRequest;
import io.wharf.protocol.auth.AuditEvent;
import io.wharf.protocol.auth.AuthException;
import io.wharf.protocol.auth.ConditionKeys;
import io.wharf.protocol.auth.Authentication;
import io.wharf.protocol.auth.Credential;
import io.wharf.protocol.auth.Decision;
import io.wharf.protocol.auth.Principal;
import io.wharf.protocol.auth.SigV4;
import io.wharf.protocol.json.JsonDecoder;
import io.wharf.protocol.json.JsonEncoder;
import io.wharf.protocol.json.JsonFormat;
import io.wharf.protocol.model.OperationModel;
import io.wharf.protocol.model.ServiceModel;
import io.wharf.protocol.query.QueryDecoder;
import io.wharf.protocol.query.XmlEncoder;
import io.wharf.protocol.restjson.RestJson;
import io.wharf.protocol.restxml.RestXml;
import io.wharf.protocol.rpcv2.RpcV2Cbor;
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
 *   <li>the wire protocol: Smithy RPC v2 CBOR when {@link RpcV2Cbor#claims} says so (its path and header); JSON (or its CBOR twin, by {@code Content-Type: application/x-amz-cbor-1.1}) when the
 *       request has {@code X-Amz-Target} or an {@code application/x-amz-json}/{@code -cbor} body; else REST-JSON when
 *       {@link RestJson#claims} says so (a signed request whose credential scope names a REST-JSON service: MQ); else
 *       REST-XML (S3) when {@link RestXml#claims} says so (an {@code s3} credential scope, a virtual-host-style Host, or an unsigned
 *       request without an {@code Action}); else AWS Query (form body and/or query string);</li>
 *   <li>the service: the {@code X-Amz-Target} prefix for JSON, the path's service name for RPC v2 CBOR; for REST-JSON and
 *       REST-XML the one claiming it, its operation by method and URI template
 *       ({@link io.wharf.protocol.rest.RestRouter}); for Query the SigV4 credential
 *       scope, then the {@code Version} parameter, then the path (an SQS queue URL), then the action name;</li>
 *   <li>who the caller is ({@link io.wharf.protocol.auth.RequestAuthenticator}: SigV4 verified unless
 *       authentication is off);</li>
 *   <li>the operation, whose parameters are decoded and validated against the model;</li>
 *   <li>whether the caller may do it: each {@link AccessCheck} the service declares for the call is decided by the
 *       {@link io.wharf.protocol.auth.AccessControl} with the resource's policy and the request's condition keys
 *       (only when policies are enforced);</li>
 *   <li>the service's {@link Operation}; the result or error is encoded in the caller's protocol.</li>
 * </ol>
 * Every call, answered or refused, is reported to the {@link io.wharf.protocol.auth.AuditSink}.
 * Before all that, a plain GET without parameters may be for a document a service serves to anyone
 * ({@link AwsService#document}: SNS's signing certificate).
 */
public final class ServiceGateway implements Gateway {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceGateway.class);

    private final List<AwsService> services;
    private final GatewaySettings settings;
    private final RestXml restXml;
    private final RestJson restJson;
    private final UnservedServices unserved;
    private final RequestLog requestLog;

    public ServiceGateway(List<AwsService> services, GatewaySettings settings) {
        this(services, settings, RequestLog.NONE);
    }

    /** A gateway that also reports every answered call to {@code requestLog}. */
    public ServiceGateway(List<AwsService> services, GatewaySettings settings, RequestLog requestLog) {
        this.services = List.copyOf(services);
        this.settings = settings;
        this.requestLog = requestLog;
        this.restXml = RestXml.over(this.services, settings);
        this.restJson = RestJson.over(this.services);
        this.unserved = new UnservedServices(this.services);
    }

    @Override
    public WireResponse handle(WireRequest request) {
        long started = System.nanoTime();
        if (request.method().equals("GET") && request.query().isEmpty()) {
            for (AwsService service : services) {
                WireResponse document = service.document(request);
                if (document != null) {
                    return document;
                }
            }
        }
        String target = request.header("x-amz-target");
        String mediaType = request.mediaType();
        RpcV2Cbor.Route rpcV2 = RpcV2Cbor.claims(request);
        boolean json = rpcV2 == null && (target != null || JsonFormat.claims(mediaType));
        // The credential is read once, here: the scope may name a service Wharf does not serve; the services read it
        // from the call. A malformed one is kept for the service the request is routed to, which answers it.
        Credential credential = null;
        AuthException malformed = null;
        try {
            credential = SigV4.identify(request);
        } catch (AuthException e) {
            malformed = e;
        }
        String unservedScope = credential != null && credential.service() != null && !credential.service().isEmpty()
                && !unserved.serves(credential.service()) ? credential.service() : null;
        String unservedHost = credential == null && malformed == null && target == null && rpcV2 == null
                ? unserved.unservedHost(request.header("host")) : null;
        if (unservedScope != null || unservedHost != null) {
            Call call = new Call(request, RequestIds.next());
            AwsException error = unservedScope != null
                    ? unserved.error(unservedScope, "the request's SigV4 credential scope")
                    : unserved.error(unservedHost, "the request's Host");
            WireResponse response = rpcV2 != null ? jsonError(call, error, JsonFormat.RPC_V2_CBOR)
                    : json ? jsonError(call, error, JsonFormat.of(mediaType))
                    : UnservedServices.looksLikeQuery(request) ? queryError(call, error)
                    : unserved.restJson(error, call.requestId);
            call.error = error;
            return finish(call, response, started);
        }
        AwsService restJsonService = target != null || rpcV2 != null || credential == null ? null
                : restJson.claims(credential.service());
        AwsService restXmlService = json || rpcV2 != null || restJsonService != null ? null : restXml.claims(request);
        Call call = new Call(request, restXmlService != null ? RestXml.requestId() : RequestIds.next());
        call.readCredential = credential;
        call.malformedCredential = malformed;
        WireResponse response = restJsonService != null ? restJson(call, restJsonService)
                : restXmlService != null ? restXml(call, restXmlService)
                : rpcV2 != null ? jsonFamily(call, rpcV2.service(), rpcV2.operation(), JsonFormat.RPC_V2_CBOR)
                : json ? json(call, target, JsonFormat.of(mediaType))
                : query(call);
        return finish(call, response, started);
    }

    /** Reports a call to the audit log and the request log. */
    private WireResponse finish(Call call, WireResponse response, long started) {
        audit(call);
        if (requestLog != RequestLog.NONE) {
            try {
                requestLog.record(logEntry(call, response, started));
            } catch (RuntimeException e) {
                LOG.warn("the request log refused a record: {}", e.toString());
            }
        }
        return response;
    }

    private RequestLog.Entry logEntry(Call call, WireResponse response, long started) {
        long micros = (System.nanoTime() - started) / 1_000;
        Principal principal = call.authentication != null ? call.authentication.principal() : null;
        String account = principal == null ? null
                : principal.accountId() != null ? principal.accountId() : settings.accountId();
        long bytesOut = response.body().length;
        if (response.stream() != null) {
            String length = response.headers().get("Content-Length");
            try {
                bytesOut = length == null ? -1 : Long.parseLong(length);
            } catch (NumberFormatException e) {
                bytesOut = -1;
            }
        }
        return new RequestLog.Entry(settings.clock().instant().minusNanos(micros * 1_000), call.requestId, account,
                call.credential != null ? call.credential.accessKeyId() : null, call.request.origin().sourceIp(),
                call.service == null ? null : call.service.model().endpointPrefix(), call.action, call.resourceArn,
                response.status(), call.error == null ? null : call.error.code(), micros, call.request.bodyLength(),
                bytesOut);
    }

    /** What the gateway learns about one call as it goes, for the audit log. */
    private static final class Call {
        final WireRequest request;
        final String requestId;
        AwsService service;
        String action;
        /** The credential the call is known to act with, once routing (Query) or authentication has taken it. */
        Credential credential;
        /** The request's SigV4 credential as read once before routing; null when unsigned or malformed. */
        Credential readCredential;
        /** Why the request's credential could not be read; null when it could (or there is none). */
        AuthException malformedCredential;
        Authentication authentication;
        String resourceArn;
        AwsException error;
        /** REST-XML: the raw path with the bucket in front, for S3's Version 2 presigned URLs; else null. */
        String s3Resource;

        Call(WireRequest request, String requestId) {
            this.request = request;
            this.requestId = requestId;
        }
    }

    // ---------------------------------------------------------------- JSON 1.0 / 1.1 and CBOR

    private WireResponse json(Call call, String target, JsonFormat format) {
        int dot = target == null ? -1 : target.lastIndexOf('.');
        return dot < 0 ? jsonFamily(call, null, null, format)
                : jsonFamily(call, target.substring(0, dot), target.substring(dot + 1), format);
    }

    /**
     * A call of the JSON family: JSON 1.0/1.1 and CBOR 1.1 ({@code X-Amz-Target: <prefix>.<operation>}) or Smithy RPC v2
     * CBOR ({@code /service/<prefix>/operation/<operation>}, only for services whose model lists that protocol).
     *
     * @param prefix the target prefix (the Smithy service name), null when the request named none
     */
    private WireResponse jsonFamily(Call call, String prefix, String operationName, JsonFormat format) {
        WireRequest request = call.request;
        try {
            if (prefix == null) {
                throw new AwsException("UnknownOperationException", "InvalidAction", 400, true,
                        "The request must contain an X-Amz-Target header naming the operation.");
            }
            call.service = byTargetPrefix(prefix);
            if (call.service != null && format == JsonFormat.RPC_V2_CBOR
                    && !call.service.model().protocols().contains(RpcV2Cbor.MODEL_PROTOCOL)) {
                call.service = null;
                throw new AwsException("UnknownOperationException", 400, true, "The service " + prefix
                        + " does not speak the Smithy RPC v2 CBOR protocol; use the protocol its model names.");
            }
            if (call.service == null) {
                throw unserved.error(prefix, format == JsonFormat.RPC_V2_CBOR ? "the request's path"
                        : "the request's X-Amz-Target header");
            }
            AwsService service = call.service;
            OperationModel operation = service.model().operation(operationName).orElse(null);
            if (operation == null) {
                throw new AwsException("UnknownOperationException", "InvalidAction", 400, true,
                        "The action " + operationName + " is not valid for this web service.");
            }
            call.action = operation.name();
            authenticate(call);
            ObjectNode input = JsonDecoder.parse(RequestCompression.body(request, service.validationErrors()), format,
                    service.validationErrors(), operation.input());
            new Validator(service.validationErrors(), format.timestampsInMillis(), true)
                    .validate(input, operation.input());
            RequestContext context = context(call);
            authorize(call, new Input(input), context);
            if (service.operations().get(operation.name()) instanceof EventStreamOperation streaming) {
                EventStreamOperation.Events events = streaming.open(context, new Input(input));
                return EventStreams.response(events, operation, format).withHeader("x-amzn-RequestId", call.requestId);
            }
            ObjectNode output = invokeWith(service, operation, context, input);
            byte[] body = JsonEncoder.encode(output, operation.output(), format);
            return rpcV2Header(WireResponse.of(200, format.contentType(service.model().jsonVersion()), body)
                    .withHeader("x-amzn-RequestId", call.requestId), format);
        } catch (AuthException e) {
            return jsonError(call, authenticationError(call, e), format);
        } catch (AwsException e) {
            return jsonError(call, e, format);
        } catch (RuntimeException e) {
            return jsonError(call, internal(e, request), format);
        }
    }

    private WireResponse jsonError(Call call, AwsException error, JsonFormat format) {
        call.error = error;
        String requestId = call.requestId;
        ServiceModel model = call.service == null ? null : call.service.model();
        boolean queryCompatible = model != null && model.awsQueryCompatible();
        // RPC v2 CBOR names the error's shape id; the JSON protocols the bare name, but for awsQueryCompatible services
        // AWS sends the shape id there too, and a service may name its own (DynamoDB's jsonErrorType). A type that
        // already is a shape id (Coral's ValidationException) stays.
        boolean shapeId = model != null && (queryCompatible || format == JsonFormat.RPC_V2_CBOR);
        String type = shapeId && error.type().indexOf('#') < 0 ? model.errorNamespace() + "#" + error.type()
                : call.service != null ? call.service.jsonErrorType(error) : error.type();
        byte[] body = error.members().isEmpty() ? JsonEncoder.error(type, error.getMessage(), format)
                : JsonEncoder.error(type, error.getMessage(), error.members(), errorShape(model, error), format);
        WireResponse response = rpcV2Header(WireResponse.of(error.httpStatus(),
                        format.contentType(model == null ? requestJsonVersion(call.request) : model.jsonVersion()), body)
                .withHeader("x-amzn-RequestId", requestId), format);
        if (queryCompatible) {
            response = response.withHeader("x-amzn-query-error",
                    error.code() + ";" + (error.senderFault() ? "Sender" : "Receiver"));
        }
        return response;
    }

    /** The JSON version the request's media type names ({@code application/x-amz-json-1.0} → 1.0), else 1.1. */
    private static String requestJsonVersion(WireRequest request) {
        String mediaType = request.mediaType();
        return mediaType != null && mediaType.equals("application/x-amz-json-1.0") ? "1.0" : "1.1";
    }

    /** Every RPC v2 CBOR answer, success or error, names its protocol (the spec's MUST). */
    private static WireResponse rpcV2Header(WireResponse response, JsonFormat format) {
        return format == JsonFormat.RPC_V2_CBOR ? response.withHeader(RpcV2Cbor.HEADER, RpcV2Cbor.PROTOCOL) : response;
    }

    /** The model's shape for an error carrying structured members, or null when the model has none of that name. */
    private static io.wharf.protocol.model.Shape errorShape(ServiceModel model, AwsException error) {
        if (model == null) {
            return null;
        }
        try {
            return model.shape(error.code());
        } catch (IllegalStateException e) {
            return null;
        }
    }

    // ---------------------------------------------------------------- AWS Query

    private WireResponse query(Call call) {
        WireRequest request = call.request;
        try {
            Map<String, String> params = new LinkedHashMap<>();
            boolean complete = queryParameters(request, params);
            // a malformed credential is rendered by the service the request is for, which routing finds without the scope
            AuthException malformed = call.malformedCredential;
            call.credential = call.readCredential;
            call.service = queryService(request, params, call.credential);
            if (!complete) {
                throw FormDecoder.tooMany(InputLimits.MAX_FORM_PARAMETERS); // routed on the first ones, to answer as its service
            }
            if (malformed != null) {
                throw malformed;
            }
            AwsService service = call.service;
            String action = params.get("Action");
            if (action == null || action.isEmpty()) {
                throw AwsException.client("MissingAction", "The request must contain the parameter Action.");
            }
            OperationModel operation = service.model().operation(action).orElse(null);
            if (operation == null) {
                throw AwsException.client("InvalidAction", "The action " + action + " is not valid for this web service.");
            }
            call.action = operation.name();
            authenticate(call);
            ObjectNode input = QueryDecoder.decode(params, operation.input(), service.validationErrors());
            RequestContext context = context(call);
            service.fromPath(request.path(), input, operation.name(), context);
            // the Query decoder already turned timestamps into epoch milliseconds
            new Validator(service.validationErrors(), true, true).validate(input, operation.input());
            authorize(call, new Input(input), context);
            ObjectNode output = invokeWith(service, operation, context, input);
            String xml = XmlEncoder.response(operation, output, service.model().xmlNamespace(), call.requestId);
            return WireResponse.text(200, "text/xml", xml).withHeader("x-amzn-RequestId", call.requestId);
        } catch (AuthException e) {
            return queryError(call, authenticationError(call, e));
        } catch (AwsException e) {
            return queryError(call, e);
        } catch (RuntimeException e) {
            return queryError(call, internal(e, request));
        }
    }

    /** The query string's parameters, then the form body's; false when the body had more than the cap. */
    private static boolean queryParameters(WireRequest request, Map<String, String> params) {
        request.query().forEach((name, values) -> {
            if (!values.isEmpty()) {
                params.put(name, values.get(0));
            }
        });
        if (request.body().length > 0) {
            String mediaType = request.mediaType();
            if (mediaType.isEmpty() || mediaType.equals("application/x-www-form-urlencoded")) {
                return FormDecoder.decode(new String(RequestCompression.body(request, ValidationErrors.DEFAULT),
                        java.nio.charset.StandardCharsets.UTF_8), params);
            }
        }
        return true;
    }

    private AwsService queryService(WireRequest request, Map<String, String> params, Credential credential) {
        List<AwsService> candidates = services.stream()
                .filter(s -> s.model().protocol().equals("query") || s.model().awsQueryCompatible())
                .toList();
        if (candidates.isEmpty()) {
            throw AwsException.client("InvalidAction", "No service speaks the Query protocol here.");
        }
        String action = params.get("Action");
        if (credential != null) {
            // The scope names the service, unless that service has no such action: then the request was signed for
            // the wrong service, and the service it is for (by Version, path or action) says so.
            for (AwsService s : candidates) {
                if (s.model().signingName().equals(credential.service())
                        && (action == null || s.model().operation(action).isPresent())) {
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
        if (action != null) {
            List<AwsService> withAction = candidates.stream()
                    .filter(s -> s.model().operation(action).isPresent()).toList();
            if (withAction.size() == 1) {
                return withAction.get(0);
            }
        }
        return candidates.get(0);
    }

    private WireResponse queryError(Call call, AwsException error) {
        call.error = error;
        String requestId = call.requestId;
        String namespace = call.service == null ? null : call.service.model().xmlNamespace();
        boolean detail = call.service == null || call.service.queryErrorDetail();
        return WireResponse.text(error.httpStatus(), "text/xml", XmlEncoder.error(error, namespace, requestId, detail))
                .withHeader("x-amzn-RequestId", requestId);
    }

    // ---------------------------------------------------------------- REST-XML (S3)

    private WireResponse restXml(Call call, AwsService service) {
        WireRequest request = call.request;
        call.service = service;
        try {
            RestXml.Routed routed = restXml.route(service, request);
            OperationModel operation = routed.operation();
            call.action = operation.name();
            call.s3Resource = routed.resourcePath();
            authenticate(call);
            ValidationErrors errors = restXml.validationErrors(service, operation);
            ObjectNode input = restXml.decode(request, routed, errors, call.authentication.chunkSigning(),
                    settings.authenticator().mode().verifiesSignatures());
            new Validator(errors, true, true).validate(input, operation.input());
            RequestContext context = context(call);
            authorize(call, new Input(input), context);
            ObjectNode output = invokeWith(service, operation, context, input);
            return RestXml.withIds(restXml.encode(service, operation, output, request), call.requestId);
        } catch (AuthException e) {
            return restXmlError(call, authenticationError(call, e));
        } catch (AwsException e) {
            return restXmlError(call, e);
        } catch (RuntimeException e) {
            AwsException carried = RestXml.bodyFailure(e);
            return restXmlError(call, carried != null ? carried : internal(e, request));
        }
    }

    // ---------------------------------------------------------------- REST-JSON

    private WireResponse restJson(Call call, AwsService service) {
        WireRequest request = call.request;
        call.service = service;
        try {
            RestJson.Routed routed = restJson.route(service, request);
            OperationModel operation = routed.operation();
            call.action = operation.name();
            authenticate(call);
            ValidationErrors errors = service.validationErrors();
            ObjectNode input = restJson.decode(service, request, routed, errors);
            new Validator(errors, true, true).validate(input, operation.input());
            RequestContext context = context(call);
            authorize(call, new Input(input), context);
            ObjectNode output = invokeWith(service, operation, context, input);
            return restJson.encode(operation, output, call.requestId);
        } catch (AuthException e) {
            return restJsonError(call, authenticationError(call, e));
        } catch (AwsException e) {
            return restJsonError(call, e);
        } catch (RuntimeException e) {
            return restJsonError(call, internal(e, request));
        }
    }

    private WireResponse restJsonError(Call call, AwsException error) {
        call.error = error;
        return RestJson.error(call.service, error, call.requestId);
    }

    private WireResponse restXmlError(Call call, AwsException error) {
        call.error = error;
        return RestXml.error(error, call.request, call.requestId);
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

    // ---------------------------------------------------------------- identity and access

    /** Who the caller is; JSON and REST-XML calls take the credential read before routing here (Query took it to route). */
    private void authenticate(Call call) {
        if (call.credential == null) {
            if (call.malformedCredential != null) {
                throw call.malformedCredential;
            }
            call.credential = call.readCredential;
        }
        call.authentication = call.s3Resource != null
                ? settings.authenticator().authenticateS3(call.request, call.credential, call.service.model(),
                        call.service.allowsAnonymous(call.action), call.service.anonymousByPolicy(), call.s3Resource)
                : settings.authenticator().authenticate(call.request, call.credential, call.service.model(),
                        call.service.allowsAnonymous(call.action), call.service.anonymousByPolicy());
    }

    /**
     * Decides every access check the service declares for this call, when policies are enforced. The resource's
     * policy and tags come from the service; the global condition keys from the request.
     */
    private void authorize(Call call, Input input, RequestContext context) {
        if (!settings.authenticator().mode().evaluatesPolicies()) {
            return;
        }
        AwsService service = call.service;
        Principal principal = context.principal();
        for (AccessCheck check : service.accessChecks(call.action, input, context)) {
            if (call.resourceArn == null) {
                call.resourceArn = check.resourceArn();
            }
            boolean anyResource = check.resourceArn().equals("*");
            Map<String, List<String>> requestKeys = new LinkedHashMap<>();
            requestKeys.put("aws:SourceIp", List.of(context.sourceIp()));
            requestKeys.put("aws:SecureTransport", List.of(Boolean.toString(call.request.origin().secure())));
            requestKeys.put("aws:RequestedRegion", List.of(context.region()));
            requestKeys.putAll(check.context());
            Map<String, List<String>> conditionKeys = new ConditionKeys(requestKeys,
                    anyResource ? Map::of : () -> service.resourceTags(check.resourceArn()));
            Decision decision = settings.accessControl().authorize(new AccessRequest(principal, check.action(),
                    check.resourceArn(), check.resourceAccount(),
                    anyResource ? null : service.resourcePolicy(check.resourceArn()), conditionKeys));
            if (!decision.allowed()) {
                call.resourceArn = check.resourceArn();
                throw service.accessDenied(check, decision, context);
            }
        }
    }

    private AwsException authenticationError(Call call, AuthException failure) {
        if (call.service == null) {
            return AuthErrors.query(failure);
        }
        UrlBase base = urlBase(call.request);
        return call.service.authenticationError(failure, base.scheme() + "://" + base.host() + call.request.path());
    }

    /** Where the URLs minted for a request point: {@code scheme} and {@code host[:port]}. */
    record UrlBase(String scheme, String host) {
    }

    /**
     * The scheme and host[:port] of the URLs minted for {@code request} (queue URLs, SNS's SubscribeURL,
     * UnsubscribeURL, SigningCertURL): the configured public URL when there is one; else the listener the request came
     * in on — https and the TLS listener's host for a request over TLS, http and the plain listener's otherwise — each
     * from the configuration, or from the Host header where that is trusted (it names the port the client connected
     * to).
     */
    UrlBase urlBase(WireRequest request) {
        if (settings.publicUrl() != null) {
            int colon = settings.publicUrl().indexOf("://");
            return new UrlBase(settings.publicUrl().substring(0, colon), settings.publicUrl().substring(colon + 3));
        }
        boolean secure = request.origin().secure();
        String host = secure ? settings.tlsUrlHost() : settings.urlHost();
        if (host == null) {
            host = request.header("host");
        }
        return new UrlBase(secure ? "https" : "http", host == null || host.isBlank() ? "localhost" : host);
    }

    private RequestContext context(Call call) {
        WireRequest request = call.request;
        UrlBase base = urlBase(request);
        Principal principal = call.authentication.principal();
        String account = principal.accountId() != null ? principal.accountId() : settings.accountId();
        return new RequestContext(call.requestId, account, call.authentication.region(), principal.accessKeyId(),
                base.host(), base.scheme(), request.path(), principal, request.origin().sourceIp());
    }

    private void audit(Call call) {
        if (settings.audit() == io.wharf.protocol.auth.AuditSink.NONE) {
            return;
        }
        Principal principal = call.authentication != null ? call.authentication.principal() : Principal.anonymous();
        String region = call.authentication != null ? call.authentication.region()
                : call.credential != null ? call.credential.region() : settings.region();
        try {
            settings.audit().record(new AuditEvent(settings.clock().instant(), call.requestId, principal,
                    call.credential != null ? call.credential.accessKeyId() : null, call.request.origin().sourceIp(),
                    call.request.header("user-agent"),
                    call.service == null ? null : call.service.model().endpointPrefix(), call.action, region,
                    call.resourceArn, call.authentication != null && !isDenial(call.error),
                    call.error == null ? null : call.error.code(),
                    call.error == null ? null : call.error.getMessage()));
        } catch (RuntimeException e) {
            LOG.warn("the audit log refused a record: {}", e.toString());
        }
    }

    private static boolean isDenial(AwsException error) {
        return error != null && (error.httpStatus() == 403 || error.code().contains("AccessDenied")
                || error.code().equals("AuthorizationError"));
    }

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
