package io.wharf.protocol;

import io.wharf.protocol.auth.AuthException;
import io.wharf.protocol.auth.AuthFailure;
import io.wharf.protocol.auth.Decision;
import io.wharf.protocol.auth.Principal;
import io.wharf.protocol.model.ServiceModel;

import java.util.Locale;

/**
 * How AWS answers an authentication failure or a denied call, per protocol family and service: the one table of it.
 *
 * <h2>Query family: SQS (Query/XML and JSON with {@code awsQueryCompatible}), SNS, IAM, STS</h2>
 * <table>
 *   <tr><th>failure</th><th>code</th><th>status</th><th>message</th><th>source</th></tr>
 *   <tr><td>missing</td><td>MissingAuthenticationToken</td><td>403</td><td>Request is missing Authentication Token</td>
 *       <td>scratchstack ordering rule 5 (code, message); AWS Common Errors pages (403)</td></tr>
 *   <tr><td>incomplete</td><td>IncompleteSignature</td><td>400</td><td>the verifier's (AuthException)</td>
 *       <td>scratchstack rules 6, 7, 9, 12; Common Errors (400)</td></tr>
 *   <tr><td>unknown key, bad token</td><td>InvalidClientTokenId</td><td>403</td><td>The security token included in the
 *       request is invalid[.]</td><td>SQS Query answer in ex-aws/ex_aws#220 (403, Sender); SQS JSON answer via the Go
 *       SDK v2 in argoproj/notifications-engine#382 (403); moto {@code InvalidClientTokenIdError}</td></tr>
 *   <tr><td>mismatch</td><td>SignatureDoesNotMatch</td><td>403</td><td>the verifier's, with the canonical request and
 *       string to sign</td><td>SQS answer recorded in the sqs4s project (403, Sender, both strings); moto</td></tr>
 *   <tr><td>clock skew (and presigned past its 15 minutes)</td><td>SignatureDoesNotMatch</td><td>403</td><td>Signature
 *       expired: … (… - 15 min.)</td><td>SQS answers in aws/aws-sdk-php#642 and celery/kombu#1937 (403, Sender); STS
 *       in aws/aws-cli#6676. Not the "RequestExpired 400" the Common Errors pages list.</td></tr>
 *   <tr><td>expired session</td><td>ExpiredToken</td><td>403</td><td>The security token included in the request is
 *       expired</td><td>scratchstack rule 14c (code, message); status as the other token errors (not recorded
 *       here)</td></tr>
 *   <tr><td>denied</td><td>AccessDenied (SNS: AuthorizationError)</td><td>403</td><td>User: … is not authorized to
 *       perform: … on resource: … because …</td><td>SQS in aws/serverless-application-model#3633 and
 *       microsoft/aspire#3333 (action lower-cased: {@code sqs:sendmessage}); SNS in
 *       aws-ia/terraform-aws-control_tower_account_factory#151 and ministryofjustice/cloud-platform-environments#21094
 *       ({@code SNS:Publish}, 403); SNS model {@code AuthorizationErrorException}</td></tr>
 * </table>
 * SQS answers a request it cannot attribute to anyone with AccessDenied "Access to the resource &lt;url&gt; is
 * denied." (403, Sender; bbc/sqs-consumer#225, aws/aws-sdk-php#188, DanielDaCosta/apiGateway-sqs-lambda#1 — the URL is
 * the one the request went to): SQS admits anonymous callers where a queue policy allows {@code "*"}, so an unsigned
 * request is refused by policy, not as unauthenticated. {@link #sqs} answers so when given that URL.
 *
 * <p>SQS's JSON protocol carries the same code in {@code x-amzn-query-error: Code;Sender} (which every SDK reads
 * first) and the same status; the gateway sets both from {@link AwsException#code()} and
 * {@link AwsException#httpStatus()}. Which namespace AWS puts in the JSON {@code __type} of these particular errors
 * (they come from the authentication layer, not the SQS model) is not recorded anywhere found; the gateway's
 * {@code com.amazonaws.sqs#<type>} is kept.
 *
 * <h2>JSON family: Kinesis (JSON 1.1 and CBOR) and other Coral JSON services</h2>
 * <table>
 *   <tr><th>failure</th><th>type</th><th>status</th><th>message</th><th>source</th></tr>
 *   <tr><td>missing</td><td>MissingAuthenticationTokenException</td><td>400</td><td>Missing Authentication Token</td>
 *       <td>mhart/kinesalite {@code test/connection.js} (recorded against Kinesis)</td></tr>
 *   <tr><td>incomplete</td><td>IncompleteSignatureException</td><td>400</td><td>the verifier's</td>
 *       <td>kinesalite</td></tr>
 *   <tr><td>unknown key, bad token</td><td>UnrecognizedClientException</td><td>400</td><td>The security token included
 *       in the request is invalid[.]</td><td>Kinesis in awslabs/amazon-kinesis-scaling-utils#46 (400); ECR in
 *       aws/aws-sdk-php#1114; DynamoDB in mhart/dynalite</td></tr>
 *   <tr><td>mismatch, both forms</td><td>InvalidSignatureException</td><td>400</td><td>the verifier's</td>
 *       <td>kinesalite ("Found both …"); DynamoDB in dynalite (with the canonical string)</td></tr>
 *   <tr><td>clock skew</td><td>InvalidSignatureException</td><td>400</td><td>Signature expired: …</td>
 *       <td>aws/aws-sdk-js#254 (400); dynalite</td></tr>
 *   <tr><td>expired session</td><td>ExpiredTokenException</td><td>400</td><td>The security token included in the
 *       request is expired</td><td>DynamoDB raw answer in guregu/dynamo#68 (400); Kinesis in
 *       awslabs/amazon-kinesis-scaling-utils#64</td></tr>
 *   <tr><td>denied</td><td>AccessDeniedException</td><td>400</td><td>User: … is not authorized to perform:
 *       kinesis:CreateStream on resource: … because …</td><td>Kinesis via SDK v2 in apache/pekko-connectors#655 and
 *       opensearch-project/data-prepper#6886 (400); Kinesis model</td></tr>
 * </table>
 * (The generated "Common Errors" pages of newer service docs list 403 for some of these; every recorded Coral JSON
 * answer found is 400, and those are followed.)
 */
public final class AuthErrors {
    private AuthErrors() {
    }

    /** The ways AWS words authentication errors. */
    public enum Family {
        /** Query services and SQS's JSON protocol (awsQueryCompatible). */
        QUERY,
        /** Coral JSON and CBOR services (Kinesis). */
        JSON,
        /** REST-XML services: S3 (table at {@link #s3}). */
        REST_XML,
        /** REST-JSON services (Amazon MQ, Lambda): the JSON family's codes, with 403 ({@link #restJson}). */
        REST_JSON;

        public static Family of(ServiceModel model) {
            String protocol = model.protocol();
            if ("rest-xml".equals(protocol)) {
                return REST_XML;
            }
            if ("rest-json".equals(protocol)) {
                return REST_JSON;
            }
            return "query".equals(protocol) || "ec2".equals(protocol) || model.awsQueryCompatible() ? QUERY : JSON;
        }
    }

    /** The error a service of {@code model}'s protocol family answers for {@code failure}. */
    public static AwsException forProtocol(ServiceModel model, AuthException failure) {
        return forFamily(Family.of(model), failure);
    }

    public static AwsException forFamily(Family family, AuthException failure) {
        return switch (family) {
            case QUERY -> query(failure);
            case JSON -> json(failure);
            case REST_XML -> s3(failure);
            case REST_JSON -> restJson(failure);
        };
    }

    /**
     * The REST-JSON family's answer: the JSON family's codes and messages, with HTTP 403 — the status AWS's REST-JSON
     * services list for ExpiredTokenException, IncompleteSignature and UnrecognizedClientException (Lambda API
     * reference, Common Errors), and the one their front ends answer for a signature that does not match.
     */
    public static AwsException restJson(AuthException failure) {
        AwsException json = json(failure);
        return new AwsException(json.code(), 403, true, json.getMessage());
    }

    /** The Query family's answer (table above). */
    public static AwsException query(AuthException failure) {
        String message = failure.getMessage();
        return switch (failure.failure()) {
            case MISSING_AUTHENTICATION -> new AwsException("MissingAuthenticationToken", 403, true, message);
            case INCOMPLETE_SIGNATURE -> new AwsException("IncompleteSignature", 400, true, message);
            case INVALID_CLIENT_TOKEN -> new AwsException("InvalidClientTokenId", 403, true, message);
            case SIGNATURE_DOES_NOT_MATCH, REQUEST_EXPIRED ->
                    new AwsException("SignatureDoesNotMatch", 403, true, message);
            case EXPIRED_TOKEN -> new AwsException("ExpiredToken", 403, true, message);
            case CONTENT_SHA256_MISSING -> new AwsException("IncompleteSignature", 400, true, message);
            case CONTENT_SHA256_MISMATCH ->
                    new AwsException("SignatureDoesNotMatch", 403, true, AuthException.SIGNATURE_MISMATCH);
        };
    }

    /** The Coral JSON family's answer (table above). */
    public static AwsException json(AuthException failure) {
        String message = failure.getMessage();
        return switch (failure.failure()) {
            case MISSING_AUTHENTICATION ->
                    new AwsException("MissingAuthenticationTokenException", 400, true, "Missing Authentication Token");
            case INCOMPLETE_SIGNATURE -> new AwsException("IncompleteSignatureException", 400, true, message);
            case INVALID_CLIENT_TOKEN -> new AwsException("UnrecognizedClientException", 400, true, message);
            case SIGNATURE_DOES_NOT_MATCH, REQUEST_EXPIRED ->
                    new AwsException("InvalidSignatureException", 400, true, message);
            case EXPIRED_TOKEN -> new AwsException("ExpiredTokenException", 400, true, message);
            case CONTENT_SHA256_MISSING -> new AwsException("IncompleteSignatureException", 400, true, message);
            case CONTENT_SHA256_MISMATCH ->
                    new AwsException("InvalidSignatureException", 400, true, AuthException.SIGNATURE_MISMATCH);
        };
    }

    /** S3's "signature mismatch" sentence (S3 API reference, Error responses: SignatureDoesNotMatch). */
    public static final String S3_SIGNATURE_MISMATCH = "The request signature we calculated does not match the "
            + "signature you provided. Check your key and signing method.";

    /**
     * S3's answer (REST-XML family), in S3's XML with its extra elements:
     * <table>
     *   <tr><th>failure</th><th>code</th><th>status</th><th>message</th></tr>
     *   <tr><td>missing</td><td>AccessDenied</td><td>403</td><td>Access Denied</td></tr>
     *   <tr><td>incomplete (header)</td><td>AuthorizationHeaderMalformed</td><td>400</td><td>the verifier's</td></tr>
     *   <tr><td>incomplete (presigned query: the message names an {@code X-Amz-} parameter or the query string)</td>
     *       <td>AuthorizationQueryParametersError</td><td>400</td><td>the verifier's</td></tr>
     *   <tr><td>unknown key</td><td>InvalidAccessKeyId</td><td>403</td><td>The AWS Access Key Id you provided does not
     *       exist in our records.</td></tr>
     *   <tr><td>bad session token</td><td>InvalidToken</td><td>400</td><td>The provided token is malformed or otherwise
     *       invalid.</td></tr>
     *   <tr><td>mismatch</td><td>SignatureDoesNotMatch</td><td>403</td><td>{@link #S3_SIGNATURE_MISMATCH}, with
     *       {@code StringToSign} and {@code CanonicalRequest} elements when known</td></tr>
     *   <tr><td>a wrong credential scope (region, service, terminator, day)</td><td>AuthorizationHeaderMalformed</td>
     *       <td>400</td><td>The authorization header is malformed; …</td></tr>
     *   <tr><td>Signature Version 2</td><td>InvalidRequest</td><td>400</td><td>The authorization mechanism you have
     *       provided is not supported. Please use AWS4-HMAC-SHA256.</td></tr>
     *   <tr><td>clock skew</td><td>RequestTimeTooSkewed</td><td>403</td><td>The difference between the request time
     *       and the current time is too large. ({@code MaxAllowedSkewMilliseconds} 900000)</td></tr>
     *   <tr><td>presigned URL expired / not yet valid</td><td>AccessDenied</td><td>403</td><td>Request has expired /
     *       Request is not valid yet</td></tr>
     *   <tr><td>expired session</td><td>ExpiredToken</td><td>400</td><td>The provided token has expired.</td></tr>
     *   <tr><td>no {@code x-amz-content-sha256}</td><td>InvalidRequest</td><td>400</td><td>Missing required header
     *       for this request: x-amz-content-sha256</td></tr>
     *   <tr><td>wrong {@code x-amz-content-sha256}</td><td>XAmzContentSHA256Mismatch</td><td>400</td><td>The provided
     *       'x-amz-content-sha256' header does not match what was computed.</td></tr>
     * </table>
     * Sources: the S3 API reference's error code list (codes, statuses, sentences); moto's S3 responses and
     * LocalStack's recorded S3 snapshots for the element layout.
     */
    public static AwsException s3(AuthException failure) {
        String message = failure.getMessage();
        return switch (failure.failure()) {
            case MISSING_AUTHENTICATION -> new AwsException("AccessDenied", 403, true, "Access Denied");
            case INCOMPLETE_SIGNATURE -> message.contains("X-Amz-") || message.contains("query-string")
                    ? new AwsException("AuthorizationQueryParametersError", 400, true, message)
                    : new AwsException("AuthorizationHeaderMalformed", 400, true, message);
            case INVALID_CLIENT_TOKEN -> message.endsWith(".")
                    ? new AwsException("InvalidAccessKeyId", 403, true,
                            "The AWS Access Key Id you provided does not exist in our records.")
                    : new AwsException("InvalidToken", 400, true, "The provided token is malformed or otherwise invalid.");
            case SIGNATURE_DOES_NOT_MATCH -> s3Mismatch(message);
            case REQUEST_EXPIRED -> message.startsWith("Request ")
                    ? new AwsException("AccessDenied", 403, true, message)
                    : new AwsException("RequestTimeTooSkewed", 403, true,
                            "The difference between the request time and the current time is too large.")
                            .with("MaxAllowedSkewMilliseconds", "900000");
            case EXPIRED_TOKEN -> new AwsException("ExpiredToken", 400, true, "The provided token has expired.");
            case CONTENT_SHA256_MISSING -> new AwsException("InvalidRequest", 400, true, message);
            case CONTENT_SHA256_MISMATCH -> new AwsException("XAmzContentSHA256Mismatch", 400, true, message);
        };
    }

    private static AwsException s3Mismatch(String message) {
        if (message.startsWith("Signature Version 2")) {
            return new AwsException("InvalidRequest", 400, true,
                    "The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.");
        }
        if (!message.startsWith(AuthException.SIGNATURE_MISMATCH)) {
            return new AwsException("AuthorizationHeaderMalformed", 400, true,
                    "The authorization header is malformed; " + message.trim());
        }
        AwsException error = new AwsException("SignatureDoesNotMatch", 403, true, S3_SIGNATURE_MISMATCH);
        String canonical = between(message, "The Canonical String for this request should have been\n'", "'\n\n");
        String stringToSign = between(message, "The String-to-Sign should have been\n'", "'\n");
        return error.with("StringToSign", stringToSign).with("CanonicalRequest", canonical);
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start);
        if (from < 0) {
            return null;
        }
        from += start.length();
        int to = text.indexOf(end, from);
        return to < 0 ? null : text.substring(from, to);
    }

    // ---------------------------------------------------------------- per service (for authenticationError overrides)

    /**
     * SQS: the Query family, except that an unauthenticated request is refused as an anonymous caller would be, with
     * the URL it went to ({@code https://sqs.us-east-1.amazonaws.com/123456789012/q}, or the endpoint with {@code /}
     * for calls to the root). Without a URL it answers as the family does.
     */
    public static AwsException sqs(AuthException failure, String requestUrl) {
        if (failure.failure() == AuthFailure.MISSING_AUTHENTICATION && requestUrl != null) {
            return sqsAccessDeniedTo(requestUrl);
        }
        return query(failure);
    }

    public static AwsException sns(AuthException failure) {
        return query(failure);
    }

    public static AwsException iam(AuthException failure) {
        return query(failure);
    }

    public static AwsException sts(AuthException failure) {
        return query(failure);
    }

    public static AwsException kinesis(AuthException failure) {
        return json(failure);
    }

    // ---------------------------------------------------------------- denied calls

    /**
     * The access-denied error of {@code model}'s family: AccessDenied 403 (Query, REST-XML), AccessDeniedException 400
     * (JSON).
     */
    public static AwsException accessDenied(ServiceModel model, String message) {
        return Family.of(model) == Family.JSON ? new AwsException("AccessDeniedException", 400, true, message)
                : new AwsException("AccessDenied", 403, true, message);
    }

    /** SQS's denial; SQS names the action in lower case ({@code sqs:sendmessage}). */
    public static AwsException sqsAccessDenied(Decision decision, Principal principal, String action,
                                               String resourceArn) {
        String named = action.toLowerCase(Locale.ROOT);
        return new AwsException("AccessDenied", 403, true, decision.message(principal, named, resourceArn));
    }

    /** SQS's refusal of a caller it cannot attribute: "Access to the resource &lt;url&gt; is denied.". */
    public static AwsException sqsAccessDeniedTo(String requestUrl) {
        return new AwsException("AccessDenied", 403, true, "Access to the resource " + requestUrl + " is denied.");
    }

    /** SNS's denial: AuthorizationError 403, the action as {@code SNS:Publish}. */
    public static AwsException snsAuthorizationError(Decision decision, Principal principal, String action,
                                                     String resourceArn) {
        int colon = action.indexOf(':');
        String named = "SNS:" + (colon < 0 ? action : action.substring(colon + 1));
        return new AwsException("AuthorizationError", 403, true, decision.message(principal, named, resourceArn));
    }

    /** IAM's and STS's denial: AccessDenied 403. */
    public static AwsException iamAccessDenied(Decision decision, Principal principal, String action,
                                               String resourceArn) {
        return new AwsException("AccessDenied", 403, true, decision.message(principal, action, resourceArn));
    }

    /** Kinesis's denial: AccessDeniedException 400, the action as written ({@code kinesis:CreateStream}). */
    public static AwsException kinesisAccessDenied(Decision decision, Principal principal, String action,
                                                   String resourceArn) {
        return new AwsException("AccessDeniedException", 400, true, decision.message(principal, action, resourceArn));
    }
}
