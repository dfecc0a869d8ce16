package io.wharf.protocol.auth;

import io.wharf.protocol.AuthErrors;
import io.wharf.protocol.AwsException;
import io.wharf.protocol.TestModels;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The error table: each failure rendered per family and service, code, status and message. */
class AuthErrorsTest {
    private static final AuthException MISSING = AuthException.missing();
    private static final AuthException INCOMPLETE = AuthException.incomplete("Authorization header requires "
            + "'Signature' parameter. Authorization=AWS4-HMAC-SHA256 Credential=a");
    private static final AuthException UNKNOWN_KEY = AuthException.invalidClientToken();
    private static final AuthException MISMATCH = AuthException.signatureDoesNotMatch();
    private static final AuthException EXPIRED = new AuthException(AuthFailure.REQUEST_EXPIRED,
            "Signature expired: 20250115T114459Z is now earlier than 20250115T114500Z (20250115T120000Z - 15 min.)");
    private static final AuthException EXPIRED_TOKEN = AuthException.expiredToken();

    private static void is(AwsException error, String code, int status, String message) {
        assertThat(error.code()).isEqualTo(code);
        assertThat(error.type()).isEqualTo(code);
        assertThat(error.httpStatus()).isEqualTo(status);
        assertThat(error.senderFault()).isTrue();
        assertThat(error.getMessage()).isEqualTo(message);
    }

    @Test
    void queryFamily() {
        is(AuthErrors.query(MISSING), "MissingAuthenticationToken", 403, "Request is missing Authentication Token");
        is(AuthErrors.query(INCOMPLETE), "IncompleteSignature", 400, INCOMPLETE.getMessage());
        is(AuthErrors.query(UNKNOWN_KEY), "InvalidClientTokenId", 403,
                "The security token included in the request is invalid.");
        is(AuthErrors.query(MISMATCH), "SignatureDoesNotMatch", 403, AuthException.SIGNATURE_MISMATCH);
        is(AuthErrors.query(EXPIRED), "SignatureDoesNotMatch", 403, EXPIRED.getMessage());
        is(AuthErrors.query(EXPIRED_TOKEN), "ExpiredToken", 403,
                "The security token included in the request is expired");
    }

    @Test
    void jsonFamily() {
        is(AuthErrors.json(MISSING), "MissingAuthenticationTokenException", 400, "Missing Authentication Token");
        is(AuthErrors.json(INCOMPLETE), "IncompleteSignatureException", 400, INCOMPLETE.getMessage());
        is(AuthErrors.json(UNKNOWN_KEY), "UnrecognizedClientException", 400,
                "The security token included in the request is invalid.");
        is(AuthErrors.json(AuthException.bothForms()), "InvalidSignatureException", 400,
                "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.");
        is(AuthErrors.json(EXPIRED), "InvalidSignatureException", 400, EXPIRED.getMessage());
        is(AuthErrors.json(EXPIRED_TOKEN), "ExpiredTokenException", 400,
                "The security token included in the request is expired");
        assertThat(AuthErrors.kinesis(MISMATCH).code()).isEqualTo("InvalidSignatureException");
    }

    @Test
    void s3Family() {
        assertThat(AuthErrors.Family.of(TestModels.S3)).isEqualTo(AuthErrors.Family.REST_XML);
        is(AuthErrors.s3(MISSING), "AccessDenied", 403, "Access Denied");
        is(AuthErrors.s3(INCOMPLETE), "AuthorizationHeaderMalformed", 400, INCOMPLETE.getMessage());
        is(AuthErrors.s3(AuthException.incomplete("X-Amz-Expires must be less than a week (in seconds) that is 604800")),
                "AuthorizationQueryParametersError", 400,
                "X-Amz-Expires must be less than a week (in seconds) that is 604800");
        is(AuthErrors.s3(UNKNOWN_KEY), "InvalidAccessKeyId", 403,
                "The AWS Access Key Id you provided does not exist in our records.");
        is(AuthErrors.s3(AuthException.invalidSessionToken()), "InvalidToken", 400,
                "The provided token is malformed or otherwise invalid.");
        is(AuthErrors.s3(MISMATCH), "SignatureDoesNotMatch", 403, AuthErrors.S3_SIGNATURE_MISMATCH);
        AwsException explained = AuthErrors.s3(AuthException.signatureDoesNotMatch("GET\n/b\n", "AWS4-HMAC-SHA256\nx"));
        assertThat(explained.fields()).containsExactly(Map.entry("StringToSign", "AWS4-HMAC-SHA256\nx"),
                Map.entry("CanonicalRequest", "GET\n/b\n"));
        is(AuthErrors.s3(new AuthException(AuthFailure.SIGNATURE_DOES_NOT_MATCH,
                        "Credential should be scoped to a valid region, not 'moon'. ")), "AuthorizationHeaderMalformed",
                400, "The authorization header is malformed; Credential should be scoped to a valid region, not 'moon'.");
        is(AuthErrors.s3(new AuthException(AuthFailure.SIGNATURE_DOES_NOT_MATCH,
                        "Signature Version 2 is not supported; use Signature Version 4.")), "InvalidRequest", 400,
                "The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.");
        AwsException skewed = AuthErrors.s3(EXPIRED);
        is(skewed, "RequestTimeTooSkewed", 403,
                "The difference between the request time and the current time is too large.");
        assertThat(skewed.fields()).containsEntry("MaxAllowedSkewMilliseconds", "900000");
        is(AuthErrors.s3(new AuthException(AuthFailure.REQUEST_EXPIRED, "Request has expired")), "AccessDenied", 403,
                "Request has expired");
        is(AuthErrors.s3(EXPIRED_TOKEN), "ExpiredToken", 400, "The provided token has expired.");
        is(AuthErrors.s3(new AuthException(AuthFailure.CONTENT_SHA256_MISSING,
                "Missing required header for this request: x-amz-content-sha256")), "InvalidRequest", 400,
                "Missing required header for this request: x-amz-content-sha256");
        assertThat(AuthErrors.s3(new AuthException(AuthFailure.CONTENT_SHA256_MISMATCH, "m")).code())
                .isEqualTo("XAmzContentSHA256Mismatch");
        assertThat(AuthErrors.forProtocol(TestModels.S3, MISSING).code()).isEqualTo("AccessDenied");
        assertThat(AuthErrors.accessDenied(TestModels.S3, "no").httpStatus()).isEqualTo(403);
    }

    @Test
    void sqsRefusesAnUnattributableCallerWithTheUrlItCalled() {
        is(AuthErrors.sqs(MISSING, "http://localhost:4566/000000000000/q"), "AccessDenied", 403,
                "Access to the resource http://localhost:4566/000000000000/q is denied.");
        is(AuthErrors.sqs(MISSING, null), "MissingAuthenticationToken", 403, "Request is missing Authentication Token");
        is(AuthErrors.sqs(UNKNOWN_KEY, "http://localhost:4566/"), "InvalidClientTokenId", 403,
                "The security token included in the request is invalid.");
        assertThat(AuthErrors.sns(EXPIRED).code()).isEqualTo("SignatureDoesNotMatch");
        assertThat(AuthErrors.iam(EXPIRED_TOKEN).code()).isEqualTo("ExpiredToken");
        assertThat(AuthErrors.sts(UNKNOWN_KEY).code()).isEqualTo("InvalidClientTokenId");
    }

    @Test
    void theFamilyFollowsTheModel() {
        assertThat(AuthErrors.Family.of(TestModels.SQS)).isEqualTo(AuthErrors.Family.QUERY);
        assertThat(AuthErrors.Family.of(TestModels.SNS)).isEqualTo(AuthErrors.Family.QUERY);
        assertThat(AuthErrors.Family.of(TestModels.KINESIS)).isEqualTo(AuthErrors.Family.JSON);
        assertThat(AuthErrors.forProtocol(TestModels.KINESIS, UNKNOWN_KEY).code())
                .isEqualTo("UnrecognizedClientException");
        assertThat(AuthErrors.Family.of(TestModels.MQ)).isEqualTo(AuthErrors.Family.REST_JSON);
        assertThat(AuthErrors.forProtocol(TestModels.MQ, UNKNOWN_KEY).code()).isEqualTo("UnrecognizedClientException");
        assertThat(AuthErrors.forProtocol(TestModels.MQ, UNKNOWN_KEY).httpStatus()).isEqualTo(403);
        assertThat(SigningRules.of(TestModels.MQ)).isEqualTo(SigningRules.JSON);
        assertThat(SigningRules.of(TestModels.SQS)).isEqualTo(SigningRules.QUERY);
        assertThat(SigningRules.of(TestModels.KINESIS)).isEqualTo(SigningRules.JSON);
    }

    @Test
    void denialsAsEachServiceWordsThem() {
        Principal bob = new Principal(Principal.Type.USER, "111122223333", "arn:aws:iam::111122223333:user/bob",
                "AIDAEXAMPLE", "bob", "AKIDEXAMPLE", null, null, Map.of());
        is(AuthErrors.sqsAccessDenied(Decision.NO_IDENTITY_ALLOW, bob, "sqs:SendMessage",
                        "arn:aws:sqs:us-west-2:111122223333:test"), "AccessDenied", 403,
                "User: arn:aws:iam::111122223333:user/bob is not authorized to perform: sqs:sendmessage on resource: "
                        + "arn:aws:sqs:us-west-2:111122223333:test because no identity-based policy allows the "
                        + "sqs:sendmessage action");
        is(AuthErrors.snsAuthorizationError(Decision.NO_IDENTITY_ALLOW, bob, "sns:Publish",
                        "arn:aws:sns:us-east-1:111122223333:t"), "AuthorizationError", 403,
                "User: arn:aws:iam::111122223333:user/bob is not authorized to perform: SNS:Publish on resource: "
                        + "arn:aws:sns:us-east-1:111122223333:t because no identity-based policy allows the SNS:Publish "
                        + "action");
        is(AuthErrors.kinesisAccessDenied(Decision.NO_IDENTITY_ALLOW, bob, "kinesis:CreateStream",
                        "arn:aws:kinesis:eu-west-1:111122223333:stream/s"), "AccessDeniedException", 400,
                "User: arn:aws:iam::111122223333:user/bob is not authorized to perform: kinesis:CreateStream on "
                        + "resource: arn:aws:kinesis:eu-west-1:111122223333:stream/s because no identity-based policy "
                        + "allows the kinesis:CreateStream action");
        assertThat(AuthErrors.iamAccessDenied(Decision.EXPLICIT_IDENTITY_DENY, bob, "iam:CreateUser", "*").code())
                .isEqualTo("AccessDenied");
        assertThat(AuthErrors.accessDenied(TestModels.KINESIS, "m").httpStatus()).isEqualTo(400);
        assertThat(AuthErrors.accessDenied(TestModels.SNS, "m").httpStatus()).isEqualTo(403);
    }
}
