package io.wharf.protocol.restxml;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.AwsException;
import io.wharf.protocol.AwsService;
import io.wharf.protocol.GatewaySettings;
import io.wharf.protocol.ValidationErrors;
import io.wharf.protocol.auth.ChunkSigning;
import io.wharf.protocol.model.OperationModel;
import io.wharf.protocol.rest.RestRouter;
import io.wharf.protocol.wire.RequestBody;
import io.wharf.protocol.wire.WireRequest;
import io.wharf.protocol.wire.WireResponse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The REST-XML protocol as the gateway uses it: which requests are REST-XML, which operation a request is, and the
 * codecs. Holds what is built once per gateway (a router per REST-XML service, the virtual hosts).
 *
 * <p>A request is REST-XML when it has neither {@code X-Amz-Target} nor a JSON/CBOR body (the gateway checks that
 * first) and: its SigV4 credential scope (header or presigned) names the service's signing name ({@code s3}), or it is
 * signed with S3's Signature Version 2 ({@code Authorization: AWS …}, refused later in S3's words); or, unless signed
 * for another service, its Host names a bucket ({@link VirtualHosts}); or it is unsigned and carries no
 * {@code Action} parameter in its query or form body (Query's). Anything else keeps its route.
 */
public final class RestXml {
    private final List<AwsService> services;
    private final Map<AwsService, RestRouter> routers = new HashMap<>();
    private final VirtualHosts virtualHosts;

    private RestXml(List<AwsService> services, VirtualHosts virtualHosts) {
        this.services = services;
        this.virtualHosts = virtualHosts;
        for (AwsService service : services) {
            routers.put(service, new RestRouter(service.model()));
        }
    }

    /** The REST-XML side of a gateway over {@code services} (those of protocol {@code rest-xml} are kept). */
    public static RestXml over(List<AwsService> services, GatewaySettings settings) {
        List<AwsService> restXml = new ArrayList<>();
        for (AwsService service : services) {
            if ("rest-xml".equals(service.model().protocol())) {
                restXml.add(service);
            }
        }
        List<String> hosts = new ArrayList<>();
        hosts.add(settings.urlHost());
        hosts.add(settings.tlsUrlHost());
        if (settings.publicUrl() != null) {
            hosts.add(settings.publicUrl().substring(settings.publicUrl().indexOf("://") + 3));
        }
        return new RestXml(List.copyOf(restXml), new VirtualHosts(hosts));
    }

    /** The REST-XML service {@code request} is for (class comment), or null. */
    public AwsService claims(WireRequest request) {
        if (services.isEmpty()) {
            return null;
        }
        String authorization = request.header("authorization");
        String scopeService = scopeService(request, authorization);
        if (scopeService != null) {
            for (AwsService service : services) {
                if (service.model().signingName().equals(scopeService)) {
                    return service;
                }
            }
            return null;
        }
        if (authorization != null && authorization.trim().startsWith("AWS ")) {
            return services.get(0);
        }
        if (virtualHosts.bucket(request.header("host")) != null) {
            return services.get(0);
        }
        boolean signed = authorization != null || request.firstQuery("X-Amz-Algorithm") != null
                || request.firstQuery("X-Amz-Credential") != null;
        return signed || hasAction(request) ? null : services.get(0);
    }

    /** The service of a credential scope, read leniently (the verifier words what is wrong with it); null if none. */
    private static String scopeService(WireRequest request, String authorization) {
        String credential = null;
        if (authorization != null) {
            int at = authorization.indexOf("Credential=");
            if (at >= 0) {
                int end = authorization.indexOf(',', at);
                credential = authorization.substring(at + "Credential=".length(), end < 0 ? authorization.length() : end);
            }
        } else {
            credential = request.firstQuery("X-Amz-Credential");
        }
        if (credential == null) {
            return null;
        }
        String[] parts = credential.trim().split("/", -1);
        return parts.length == 5 ? parts[3] : null;
    }

    private static boolean hasAction(WireRequest request) {
        if (request.firstQuery("Action") != null) {
            return true;
        }
        String mediaType = request.mediaType();
        if (request.bodyFile() != null || request.body().length == 0
                || !(mediaType.isEmpty() || mediaType.equals("application/x-www-form-urlencoded"))) {
            return false;
        }
        return hasActionParameter(request.body());
    }

    private static final byte[] ACTION = "Action=".getBytes(StandardCharsets.US_ASCII);

    /** Whether a form body has an {@code Action} parameter: "Action=" at its start or after an '&amp;'; no copy made. */
    static boolean hasActionParameter(byte[] body) {
        outer:
        for (int i = 0; i + ACTION.length <= body.length; i++) {
            if (i > 0 && body[i - 1] != '&') {
                continue;
            }
            for (int j = 0; j < ACTION.length; j++) {
                if (body[i + j] != ACTION[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    // ---------------------------------------------------------------- routing

    /**
     * The operation a request is, with its URI labels.
     *
     * @param resourcePath the raw path with a virtual host's bucket in front ({@code /bucket/key}): what S3's Version 2
     *                     signatures sign
     */
    public record Routed(OperationModel operation, Map<String, String> labels, String resourcePath) {
    }

    /**
     * The operation of {@code service} that {@code request} is (a virtual host's bucket put in front of the path);
     * MethodNotAllowed when its path is known under other methods, NotImplemented when nothing fits.
     */
    public Routed route(AwsService service, WireRequest request) {
        String bucket = virtualHosts.bucket(request.header("host"));
        String rawPath = request.origin().rawPath();
        if (bucket != null) {
            rawPath = "/" + bucket + (rawPath.equals("/") ? "" : rawPath);
        }
        RestRouter.Result result = routers.get(service).route(request.method(), rawPath, request.query(),
                request.headers());
        return switch (result) {
            case RestRouter.Match match -> new Routed(match.operation(), match.labels(), rawPath);
            case RestRouter.Miss miss -> throw miss.methodNotAllowed()
                    ? RestXmlErrors.methodNotAllowed(request.method()) : RestXmlErrors.notImplemented();
        };
    }

    /** The service's own validation wording, or S3's ({@link RestXmlErrors#validation}) when it keeps the default. */
    public ValidationErrors validationErrors(AwsService service, OperationModel operation) {
        ValidationErrors own = service.validationErrors();
        return own == ValidationErrors.DEFAULT ? RestXmlErrors.validation(operation.input()) : own;
    }

    /**
     * The input tree, the payload decoded from aws-chunked framing with chunks checked by {@code chunkSigning}.
     *
     * @param verified whether the request's signature was verified (else a hex {@code x-amz-content-sha256} is
     *                 checked here, as S3 checks it whatever the signature)
     */
    public ObjectNode decode(WireRequest request, Routed routed, ValidationErrors errors, ChunkSigning chunkSigning,
                             boolean verified) {
        if (!verified) {
            PayloadDigests.checkContentSha256(request);
        }
        RequestPayload payload = new RequestPayload(request, chunkSigning);
        return RestXmlDecoder.decode(request, routed.labels(), routed.operation().input(), errors, payload);
    }

    public WireResponse encode(AwsService service, OperationModel operation, ObjectNode output, WireRequest request) {
        return RestXmlEncoder.encode(operation, output, request.method().equals("HEAD"), service.model().xmlNamespace());
    }

    // ---------------------------------------------------------------- ids and errors

    /** An S3-style request id: 16 upper-case hex digits. */
    public static String requestId() {
        return String.format(Locale.ROOT, "%016X", ThreadLocalRandom.current().nextLong());
    }

    /** The extended request id S3 answers in {@code x-amz-id-2} and {@code <HostId>}, derived from the request id. */
    public static String hostId(String requestId) {
        return Base64.getEncoder().encodeToString(sha256(requestId.getBytes(StandardCharsets.UTF_8)));
    }

    /** {@code response} with S3's {@code x-amz-request-id} and {@code x-amz-id-2}. */
    public static WireResponse withIds(WireResponse response, String requestId) {
        Map<String, String> headers = new LinkedHashMap<>(response.headers());
        headers.put("x-amz-request-id", requestId);
        headers.put("x-amz-id-2", hostId(requestId));
        return new WireResponse(response.status(), headers, response.body(), response.stream());
    }

    /** The error in S3's XML (HEAD: status and headers only), with the ids. */
    public static WireResponse error(AwsException error, WireRequest request, String requestId) {
        return withIds(RestXmlErrors.render(error, requestId, hostId(requestId), request.method().equals("HEAD")),
                requestId);
    }

    /** The AWS error a failure reading the request body carries ({@link RequestBody.BodyException}), or null. */
    public static AwsException bodyFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestBody.BodyException body) {
                return body.error();
            }
        }
        return null;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
