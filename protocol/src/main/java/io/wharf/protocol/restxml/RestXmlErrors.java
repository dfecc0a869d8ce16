package io.wharf.protocol.restxml;

import io.wharf.protocol.AwsException;
import io.wharf.protocol.ValidationErrors;
import io.wharf.protocol.model.Member;
import io.wharf.protocol.model.Shape;
import io.wharf.protocol.query.XmlWriter;
import io.wharf.protocol.wire.WireResponse;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * S3's errors on the REST-XML wire, and the protocol's own ones (no route, unimplemented, unreadable input).
 *
 * <p>An error is {@code <?xml …?><Error><Code/><Message/>…<RequestId/><HostId/></Error>} as
 * {@code application/xml} with the error's status; the extra elements between message and request id are the
 * exception's {@link AwsException#fields()} in order ({@code <Key>}, {@code <BucketName>}…), its
 * {@link AwsException#headers()} are the answer's. The answer to HEAD has the status and headers only (S3 sends no
 * body; SDKs map the status: 404 NotFound, 403 Forbidden…), and so has a 304.
 *
 * <p>S3 knows no Coral {@code ValidationException}: a request that does not fit the model is answered as S3 answers
 * it. A body that is not well-formed, or that does not fit the payload's shape, is {@code MalformedXML}; a header or
 * query value of the wrong type or outside its constraints is {@code InvalidArgument} naming it
 * ({@code ArgumentName}, {@code ArgumentValue}); a missing required header or parameter is {@code InvalidRequest}.
 */
public final class RestXmlErrors {
    /** S3's MalformedXML sentence. */
    public static final String MALFORMED_XML = "The XML you provided was not well-formed or did not validate against "
            + "our published schema";

    /** Header and query enums whose operations answer a value outside them in S3's own words. */
    private static final Set<String> HEADER_ENUMS_CHECKED_BY_OPERATIONS = Set.of("ChecksumAlgorithm", "EncodingType",
            "MetadataDirective", "TaggingDirective");
    /**
     * Body enums S3 does not answer with MalformedXML; the operations check them: FilterRule names in any case (else
     * InvalidArgument), events (InvalidArgument), location constraints (InvalidLocationConstraint).
     */
    private static final Set<String> BODY_ENUMS_CHECKED_BY_OPERATIONS = Set.of("FilterRuleName", "Event",
            "BucketLocationConstraint");

    private RestXmlErrors() {
    }

    /**
     * The error document with the request's ids, after the error's own headers; for HEAD, and for statuses that carry
     * no body (304 Not Modified, 204), the status and headers only.
     */
    public static WireResponse render(AwsException error, String requestId, String hostId, boolean head) {
        Map<String, String> headers = new LinkedHashMap<>(error.headers());
        int status = error.httpStatus();
        if (head || status == 304 || status == 204 || status < 200) {
            return new WireResponse(status, headers, new byte[0]);
        }
        XmlWriter xml = new XmlWriter().declaration().open("Error")
                .element("Code", error.code())
                .element("Message", error.getMessage() == null ? "" : error.getMessage());
        error.fields().forEach(xml::element);
        xml.element("RequestId", requestId).element("HostId", hostId).close("Error");
        headers.put("Content-Type", "application/xml");
        return new WireResponse(error.httpStatus(), headers, xml.toString().getBytes(StandardCharsets.UTF_8));
    }

    public static AwsException malformedXml() {
        return AwsException.client("MalformedXML", MALFORMED_XML);
    }

    /**
     * A request no operation of the model fits (S3's code and sentence for functionality it does not have). An
     * operation of the model that the service leaves out answers the gateway's NotImplemented naming it.
     */
    public static AwsException notImplemented() {
        return new AwsException("NotImplemented", 501, false,
                "A header you provided implies functionality that is not implemented");
    }

    /** The path exists under other methods. */
    public static AwsException methodNotAllowed(String method) {
        return new AwsException("MethodNotAllowed", 405, true, "The specified method is not allowed against this "
                + "resource.").with("Method", method).with("ResourceType", "OBJECT");
    }

    /** How model violations of {@code input}'s members are answered (class comment). */
    public static ValidationErrors validation(Shape input) {
        return new ValidationErrors() {
            @Override
            public AwsException missing(String path) {
                Member member = topLevel(input, path);
                if (member == null || member.inBody()) {
                    return malformedXml();
                }
                return switch (member.location()) {
                    case "header", "headers" -> AwsException.client("InvalidRequest",
                            "Missing required header for this request: " + member.wireName());
                    default -> AwsException.client("InvalidRequest",
                            "Missing required parameter for this request: " + member.wireName());
                };
            }

            @Override
            public AwsException invalid(String path, Object value, Shape shape, String reason) {
                Member member = topLevel(input, path);
                if (member == null || member.inBody()) {
                    return malformedXml();
                }
                String text = String.valueOf(value);
                return AwsException.client("InvalidArgument", member.wireName() + ": " + reason)
                        .with("ArgumentName", member.wireName()).with("ArgumentValue", text);
            }

            @Override
            public AwsException malformed(String detail) {
                return malformedXml();
            }

            /**
             * S3 checks the enums of its headers and query parameters: a storage class it does not know is
             * {@code InvalidStorageClass}, another value {@code InvalidArgument} naming the header, except where the
             * operation answers in its own words (checksum algorithms, some of which are NotImplemented; encoding-type;
             * the copy directives). In a body, a value that does not fit the schema is {@code MalformedXML}, except
             * the ones S3 takes by its own rules, which the operations check: FilterRule names in any case (the SDKs
             * send {@code Prefix}/{@code Suffix}, the model says {@code prefix}/{@code suffix}), notification events
             * (InvalidArgument) and location constraints (InvalidLocationConstraint).
             */
            @Override
            public AwsException outsideEnum(String path, String value, Shape shape) {
                Member member = topLevel(input, path);
                if (member == null || member.inBody()) {
                    return BODY_ENUMS_CHECKED_BY_OPERATIONS.contains(shape.name()) ? null : malformedXml();
                }
                if (HEADER_ENUMS_CHECKED_BY_OPERATIONS.contains(shape.name())) {
                    return null;
                }
                if (shape.name().equals("StorageClass")) {
                    return AwsException.client("InvalidStorageClass", "The storage class you specified is not valid")
                            .with("StorageClassRequested", value);
                }
                return AwsException.client("InvalidArgument", member.wireName() + ": Member must satisfy enum value"
                        + " set: " + shape.enumValues()).with("ArgumentName", member.wireName())
                        .with("ArgumentValue", value);
            }
        };
    }

    private static Member topLevel(Shape input, String path) {
        if (input == null) {
            return null;
        }
        int dot = path.indexOf('.');
        return input.member(dot < 0 ? path : path.substring(0, dot));
    }
}
