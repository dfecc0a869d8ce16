package io.wharf.iam.policy;

import io.wharf.iam.policy.PolicyDocument.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Policies IAM refuses, with IAM's MalformedPolicyDocument messages (as IAM gives them and as moto and LocalStack
 * record them), and policies it accepts.
 */
class PolicyDocumentTest {

    record Malformed(String name, String json, Kind kind, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final String V = "\"Version\":\"2012-10-17\",";
    private static final String S3 = "\"Action\":\"s3:ListBucket\",\"Resource\":\"arn:aws:s3:::example_bucket\"";

    private static Malformed identity(String name, String json, String message) {
        return new Malformed(name, json, Kind.IDENTITY, message);
    }

    private static String one(String statementBody) {
        return "{" + V + "\"Statement\":{" + statementBody + "}}";
    }

    static List<Malformed> malformed() {
        String syntax = PolicyParser.SYNTAX;
        return List.of(
                identity("not JSON", "This is not a json document", syntax),
                identity("JSON null", "null", syntax),
                identity("a JSON array", "[]", syntax),
                identity("trailing garbage", one("\"Effect\":\"Allow\"," + S3) + " x", syntax),
                identity("unknown version", "{\"Version\":\"2013-10-17\",\"Statement\":{\"Effect\":\"Allow\"," + S3
                        + "}}", syntax),
                identity("no Statement", "{" + V.substring(0, V.length() - 1) + "}", syntax),
                identity("empty Statement list", "{" + V + "\"Statement\":[]}", syntax),
                identity("a statement that is a string", "{" + V + "\"Statement\":[\"afd\"]}", syntax),
                identity("an unknown top-level element", "{" + V + "\"Statement\":{\"Effect\":\"Allow\"," + S3
                        + "},\"Extra field\":\"value\"}", syntax),
                identity("an unknown statement element", one("\"Effect\":\"Allow\"," + S3 + ",\"Extra\":\"v\""),
                        syntax),
                identity("Id is a list", "{" + V + "\"Id\":[\"x\"],\"Statement\":{\"Effect\":\"Allow\"," + S3 + "}}",
                        syntax),
                identity("Effect is not Allow/Deny", one("\"Effect\":\"invalid\"," + S3), syntax),
                identity("no Effect", one(S3), syntax),
                identity("Resource is an object", one("\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\","
                        + "\"Resource\":{\"a\":\"b\"}"), syntax),
                identity("a Resource list holding an object", one("\"Effect\":\"Deny\",\"Action\":\"s3:ListBucket\","
                        + "\"Resource\":[\"adfdf\",{}]"), syntax),
                identity("Resource and NotResource", one("\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\","
                        + "\"Resource\":\"*\",\"NotResource\":\"*\""), syntax),
                identity("Action and NotAction", one("\"Effect\":\"Allow\",\"Action\":\"iam:dsf\",\"NotAction\":"
                        + "\"s3:ListBucket\",\"Resource\":\"*\""), syntax),
                identity("a nested Action list", one("\"Effect\":\"Deny\",\"Action\":[[]],\"Resource\":\"*\""),
                        syntax),
                identity("Condition is a list", one("\"Effect\":\"Allow\"," + S3 + ",\"Condition\":[]"), syntax),
                identity("Condition operator maps to a string", one("\"Effect\":\"Allow\"," + S3
                        + ",\"Condition\":{\"DateGreaterThan\":\"b\"}"), syntax),
                identity("a condition value is an object", one("\"Effect\":\"Allow\"," + S3
                        + ",\"Condition\":{\"DateGreaterThan\":{\"a\":{}}}"), syntax),
                identity("an unknown operator with keys", one("\"Effect\":\"Allow\"," + S3
                        + ",\"Condition\":{\"x\":{\"a\":\"1\"}}"), syntax),
                identity("a doubled qualifier colon", one("\"Effect\":\"Allow\"," + S3
                        + ",\"Condition\":{\"ForAnyValue::StringEqualsIfExists\":{\"a\":\"asf\"}}"), syntax),
                identity("operator names are case-sensitive", one("\"Effect\":\"Allow\"," + S3
                        + ",\"Condition\":{\"stringequals\":{\"a\":\"b\"}}"), syntax),
                identity("Sid is an object", one("\"Sid\":{},\"Effect\":\"Allow\"," + S3), syntax),
                identity("a principal in an identity policy", one("\"Effect\":\"Allow\",\"Principal\":\"*\"," + S3),
                        PolicyRules.PRINCIPAL_NOT_ALLOWED),
                identity("a NotPrincipal in an identity policy", one("\"Effect\":\"Deny\",\"NotPrincipal\":"
                        + "{\"AWS\":\"123456789012\"}," + S3), PolicyRules.PRINCIPAL_NOT_ALLOWED),
                identity("Effect in the wrong case", one("\"Effect\":\"denY\"," + S3), PolicyRules.LEGACY),
                identity("a date that is none", one("\"Effect\":\"Allow\"," + S3
                        + ",\"Condition\":{\"DateGreaterThan\":{\"a\":\"sdfdsf\"}}"), PolicyRules.LEGACY),
                identity("a 13th month", one("\"Effect\":\"Allow\"," + S3
                        + ",\"Condition\":{\"DateLessThanEquals\":{\"a\":\"234-13\"}}"), PolicyRules.LEGACY),
                identity("a one-digit zone hour", one("\"Effect\":\"Allow\"," + S3
                        + ",\"Condition\":{\"DateLessThanEquals\":{\"a\":\"2016-12-13t2:00:00.593194+1\"}}"),
                        PolicyRules.LEGACY),
                identity("an epoch past 2^63-1", one("\"Effect\":\"Allow\"," + S3
                        + ",\"Condition\":{\"DateLessThan\":{\"a\":\"9223372036854775808\"}}"), PolicyRules.LEGACY),
                identity("an empty service in a short ARN", one("\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\","
                        + "\"Resource\":\"arn:aws:s3::example_bucket\""), PolicyRules.LEGACY),
                identity("an empty service in a long ARN", one("\"Effect\":\"Allow\",\"NotAction\":\"s3:ListBucket\","
                        + "\"Resource\":\"arn:aws::::example_bucket\""), PolicyRules.LEGACY),
                identity("duplicate Sids", "{" + V + "\"Statement\":[{\"Sid\":\"sdf\",\"Effect\":\"Allow\"," + S3
                        + "},{\"Sid\":\"sdf\",\"Effect\":\"Allow\"," + S3 + "}]}", PolicyRules.DUPLICATE_SID),
                identity("a Sid with a hyphen", one("\"Sid\":\"my-sid\",\"Effect\":\"Allow\"," + S3),
                        PolicyRules.SID_FORMAT),
                identity("no actions", one("\"Effect\":\"Allow\",\"Resource\":\"arn:aws:s3:::example_bucket\""),
                        PolicyRules.MISSING_ACTIONS),
                identity("an empty action list", one("\"Effect\":\"Allow\",\"Action\":[],"
                        + "\"Resource\":\"arn:aws:s3:::example_bucket\""), PolicyRules.MISSING_ACTIONS),
                identity("no actions in the first statement", "{" + V + "\"Statement\":[{\"Effect\":\"Deny\"},"
                        + "{\"Effect\":\"Allow\"," + S3 + "}]}", PolicyRules.MISSING_ACTIONS),
                identity("no resources", one("\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\""),
                        PolicyRules.MISSING_RESOURCES),
                identity("an empty resource list", one("\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\","
                        + "\"Resource\":[]"), PolicyRules.MISSING_RESOURCES),
                identity("a vendor problem comes before missing resources", one("\"Effect\":\"Allow\","
                        + "\"Action\":\"invalid\""), PolicyRules.NO_VENDOR),
                identity("a resource not in ARN format", one("\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\","
                        + "\"Resource\":\"invalid resource\""), "Resource invalid resource must be in ARN format or \"*\"."),
                identity("an empty resource", one("\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\","
                        + "\"Resource\":\"\""), "Resource  must be in ARN format or \"*\"."),
                identity("an unknown partition", one("\"Effect\":\"Allow\",\"NotAction\":\"s3s:ListBucket\","
                        + "\"Resource\":\"a:bsdfdsafsad\""),
                        "Partition \"bsdfdsafsad\" is not valid for resource \"arn:bsdfdsafsad:*:*:*:*\"."),
                identity("an unknown partition with segments", one("\"Effect\":\"Allow\",\"NotAction\":"
                        + "\"s3s:ListBucket\",\"Resource\":\"a:b:c:d:e:f:g:h\""),
                        "Partition \"b\" is not valid for resource \"arn:b:c:d:e:f:g:h\"."),
                identity("an ARN missing its scheme", one("\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\","
                        + "\"Resource\":\"aws:s3:::example_bucket\""),
                        "Partition \"s3\" is not valid for resource \"arn:s3:::example_bucket:*\"."),
                identity("the last of several resource errors", one("\"Effect\":\"Allow\",\"Action\":"
                        + "\"s3:ListBucket\",\"Resource\":[\"arn:error:s3:::example_bucket\","
                        + "\"arn:error:s3::example_bucket\"]"),
                        "Partition \"error\" is not valid for resource \"arn:error:s3:::example_bucket\"."),
                identity("no service", one("\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\","
                        + "\"Resource\":\"arn:aws\""),
                        "Resource vendor must be fully qualified and cannot contain regexes."),
                identity("an IAM path IAM does not know", one("\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\","
                        + "\"Resource\":\"arn:aws:iam:::example_bucket\""), "IAM resource path must either be \"*\", "
                        + "root, or start with user/, federated-user/, role/, group/, instance-profile/, mfa/, "
                        + "server-certificate/, policy/, sms-mfa/, saml-provider/, oidc-provider/, report/, "
                        + "access-report/."),
                identity("a region in an IAM ARN", one("\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\","
                        + "\"Resource\":\"arn:aws:iam:us-east-1::example_bucket\""),
                        "IAM resource arn:aws:iam:us-east-1::example_bucket cannot contain region information."),
                identity("a region in an S3 ARN", one("\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\","
                        + "\"Resource\":\"arn:aws:s3:us-east-1::example_bucket\""),
                        "Resource arn:aws:s3:us-east-1::example_bucket can not contain region information."),
                identity("an action without vendor", one("\"Effect\":\"Allow\",\"Action\":\"invalid\","
                        + "\"Resource\":\"*\""), PolicyRules.NO_VENDOR),
                identity("an empty NotAction", one("\"Effect\":\"Allow\",\"NotAction\":\"\",\"Resource\":\"*\""),
                        PolicyRules.NO_VENDOR),
                identity("a vendor with a space", one("\"Effect\":\"Allow\",\"Action\":\"a a:ListBucket\","
                        + "\"Resource\":\"*\""), "Vendor a a is not valid"),
                identity("an action with two colons", one("\"Effect\":\"Allow\",\"Action\":\"s3:List:Bucket\","
                        + "\"Resource\":\"*\""), PolicyRules.TWO_COLONS),
                new Malformed("managed: no Version", "{\"Statement\":{\"Effect\":\"Allow\"," + S3 + "}}",
                        Kind.MANAGED, PolicyRules.VERSION_REQUIRED),
                new Malformed("managed: Version 2008-10-17", "{\"Version\":\"2008-10-17\",\"Statement\":"
                        + "{\"Effect\":\"Allow\"," + S3 + "}}", Kind.MANAGED, PolicyRules.VERSION_REQUIRED),
                new Malformed("managed: the version comes before legacy parsing", "{\"Statement\":{\"Effect\":"
                        + "\"denY\"," + S3 + "}}", Kind.MANAGED, PolicyRules.VERSION_REQUIRED),
                new Malformed("resource: no principal", one("\"Effect\":\"Allow\",\"Action\":\"sqs:*\","
                        + "\"Resource\":\"*\""), Kind.RESOURCE, PolicyRules.MISSING_PRINCIPAL),
                new Malformed("resource: no Effect", one("\"Principal\":\"*\",\"Action\":\"sqs:*\","
                        + "\"Resource\":\"*\""), Kind.RESOURCE, PolicyRules.MISSING_EFFECT),
                new Malformed("resource: an invalid action", one("\"Effect\":\"Allow\",\"Principal\":\"*\","
                        + "\"Action\":\"invalid_action\",\"Resource\":\"*\""), Kind.RESOURCE,
                        PolicyRules.INVALID_ACTION),
                new Malformed("resource: no resources", one("\"Effect\":\"Allow\",\"Principal\":\"*\","
                        + "\"Action\":\"sqs:*\""), Kind.RESOURCE, PolicyRules.MISSING_RESOURCES),
                new Malformed("resource: a principal that is no account or ARN", one("\"Effect\":\"Allow\","
                        + "\"Principal\":{\"AWS\":\"user\"},\"Action\":\"sqs:*\",\"Resource\":\"*\""), Kind.RESOURCE,
                        "Invalid principal in policy: \"AWS\":\"user\""),
                new Malformed("resource: a wildcard inside a principal ARN", one("\"Effect\":\"Allow\","
                        + "\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:user/*\"},\"Action\":\"sqs:*\","
                        + "\"Resource\":\"*\""), Kind.RESOURCE,
                        "Invalid principal in policy: \"AWS\":\"arn:aws:iam::123456789012:user/*\""),
                new Malformed("resource: an unknown principal type", one("\"Effect\":\"Allow\","
                        + "\"Principal\":{\"Group\":\"x\"},\"Action\":\"sqs:*\",\"Resource\":\"*\""), Kind.RESOURCE,
                        "Invalid principal in policy: \"Group\""),
                new Malformed("resource: a principal string other than *", one("\"Effect\":\"Allow\","
                        + "\"Principal\":\"123456789012\",\"Action\":\"sqs:*\",\"Resource\":\"*\""), Kind.RESOURCE,
                        "Invalid principal in policy: \"123456789012\""),
                new Malformed("resource: an empty principal object", one("\"Effect\":\"Allow\",\"Principal\":{},"
                        + "\"Action\":\"sqs:*\",\"Resource\":\"*\""), Kind.RESOURCE, PolicyRules.INVALID_PRINCIPAL),
                new Malformed("resource: a principal value that is a number", one("\"Effect\":\"Allow\","
                        + "\"Principal\":{\"AWS\":123},\"Action\":\"sqs:*\",\"Resource\":\"*\""), Kind.RESOURCE,
                        PolicyParser.SYNTAX),
                new Malformed("trust: a Resource", one("\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                        + "\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\""), Kind.TRUST,
                        PolicyRules.PROHIBITED_RESOURCE),
                new Malformed("trust: no principal", one("\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\""),
                        Kind.TRUST, PolicyRules.MISSING_PRINCIPAL),
                new Malformed("trust: a non-STS action", one("\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                        + "\"123456789012\"},\"Action\":\"s3:GetObject\""), Kind.TRUST, PolicyRules.TRUST_ACTIONS),
                new Malformed("trust: NotPrincipal", one("\"Effect\":\"Allow\",\"NotPrincipal\":{\"AWS\":"
                        + "\"123456789012\"},\"Action\":\"sts:AssumeRole\""), Kind.TRUST,
                        PolicyRules.PROHIBITED_NOT_PRINCIPAL),
                new Malformed("trust: an invalid service principal", one("\"Effect\":\"Allow\",\"Principal\":"
                        + "{\"Service\":\"not a service\"},\"Action\":\"sts:AssumeRole\""), Kind.TRUST,
                        "Invalid principal in policy: \"Service\":\"not a service\""),
                new Malformed("any: still JSON", "{", Kind.ANY, PolicyParser.SYNTAX)
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void refusesWithIamsMessage(Malformed malformed) {
        assertThatThrownBy(() -> PolicyDocument.parse(malformed.json(), malformed.kind()))
                .isInstanceOf(MalformedPolicyException.class)
                .hasMessage(malformed.message());
    }

    static List<String> validIdentityPolicies() {
        return List.of(
                one("\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Resource\":[\"arn:aws:s3:::example_bucket\"]"),
                one("\"Effect\":\"Allow\",\"Action\":\"iam: asdf safdsf af \",\"Resource\":\"*\""),
                one("\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Resource\":[\"arn:aws:s3:::b\",\"*\"]"),
                one("\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"arn:aws:s3:::example_bucket\""),
                one("\"Effect\":\"Allow\",\"Action\":\"service-prefix:action-name\",\"Resource\":\"*\","
                        + "\"Condition\":{\"DateGreaterThan\":{\"aws:CurrentTime\":\"2017-07-01T00:00:00Z\"},"
                        + "\"DateLessThan\":{\"aws:CurrentTime\":\"2017-12-31T23:59:59Z\"}}"),
                one("\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Resource\":\"arn:aws:iam:::user/x\""),
                one("\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Resource\":\"arn:aws:iam::123456789012:root\""),
                one("\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Resource\":\"arn:aws:fdsasf\""),
                one("\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Resource\":\"arn:aws:s3:::b\","
                        + "\"Condition\":{}"),
                one("\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Resource\":\"arn:aws:s3:::b\","
                        + "\"Condition\":{\"ForAllValues:StringEquals\":{\"aws:TagKeys\":\"Department\"}}"),
                one("\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Resource\":\"arn:aws:cloudwatch:us-east-1::x\""),
                one("\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Resource\":\"arn:aws:s3:::b\","
                        + "\"Condition\":{\"DateGreaterThan\":{}}"),
                one("\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Resource\":\"arn:aws:s3:::b\","
                        + "\"Condition\":{\"DateGreaterThan\":{\"a\":[]}}"),
                one("\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Resource\":\"arn:aws:s3:::b\","
                        + "\"Condition\":{\"a\":{}}"),
                one("\"Sid\":\"AllowList1\",\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\","
                        + "\"Resource\":\"arn:aws:s3:::b\""),
                one("\"Effect\":\"Allow\",\"Action\":\"sqs:*\",\"Resource\":\"*\",\"Condition\":{"
                        + "\"DateLessThan\":{\"aws:CurrentTime\":[\"2024-06-01T12:00:00.5+02:00\",\"1717243200\","
                        + "\"2024\",\"2024-06\",\"2024-06-01t12:00z\"]},\"NumericLessThan\":{\"s3:max-keys\":10},"
                        + "\"Bool\":{\"aws:SecureTransport\":true},\"IpAddress\":{\"aws:SourceIp\":"
                        + "[\"10.0.0.0/8\",\"2001:db8::/32\"]}}"),
                "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"sqs:*\",\"Resource\":\"*\"}}",
                "{\"Version\":\"2008-10-17\",\"Id\":\"x\",\"Statement\":[{\"Effect\":\"Deny\",\"NotAction\":"
                        + "[\"sqs:*\"],\"NotResource\":\"arn:aws:sqs:*:*:q\"}]}"
        );
    }

    @ParameterizedTest
    @MethodSource("validIdentityPolicies")
    void acceptsValidIdentityPolicies(String json) {
        PolicyDocument document = PolicyDocument.parse(json);
        assertThat(document.json()).isEqualTo(json);
        assertThat(document.kind()).isEqualTo(Kind.IDENTITY);
        assertThat(document.statementCount()).isPositive();
    }

    @Test
    void acceptsResourceAndTrustPolicies() {
        String queuePolicy = "{\"Version\":\"2012-10-17\",\"Id\":\"q\",\"Statement\":[{\"Sid\":\"topic-subscription-"
                + "arn:aws:sns:us-east-1:123456789012:t\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},"
                + "\"Action\":\"SQS:SendMessage\",\"Resource\":\"arn:aws:sqs:us-east-1:123456789012:q\","
                + "\"Condition\":{\"ArnLike\":{\"aws:SourceArn\":\"arn:aws:sns:us-east-1:123456789012:t\"}}},"
                + "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"123456789012\",\"arn:aws:iam::123456789012:root\","
                + "\"arn:aws:iam::123456789012:user/path/bob\",\"arn:aws:iam::123456789012:role/r\","
                + "\"arn:aws:sts::123456789012:assumed-role/r/s\",\"arn:aws:sts::123456789012:federated-user/f\","
                + "\"AIDAEXAMPLE000000001\"],\"Service\":[\"sns.amazonaws.com\"],\"CanonicalUser\":\"79a59df9\"},"
                + "\"Action\":[\"sqs:*\"],\"Resource\":\"*\"}]}";
        PolicyDocument resource = PolicyDocument.parseResourcePolicy(queuePolicy);
        assertThat(resource.statementCount()).isEqualTo(2);
        assertThat(resource.id()).isEqualTo("q");
        assertThat(resource.version()).isEqualTo("2012-10-17");

        String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                + "\"ec2.amazonaws.com\",\"Federated\":\"cognito-identity.amazonaws.com\"},\"Action\":[\"sts:AssumeRole\","
                + "\"sts:TagSession\",\"sts:AssumeRoleWithWebIdentity\"]}]}";
        assertThat(PolicyDocument.parseTrustPolicy(trust).kind()).isEqualTo(Kind.TRUST);
        assertThat(PolicyDocument.parseManagedPolicy("{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\","
                + "\"Action\":\"sqs:*\",\"Resource\":\"*\"}}").version()).isEqualTo("2012-10-17");
    }

    @Test
    void leniencyOfTheEvaluatorsReading() {
        String noResource = "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"sqs:*\"}}";
        assertThat(PolicyDocument.parse(noResource, Kind.ANY).statementCount()).isEqualTo(1);
        assertThatThrownBy(() -> PolicyDocument.parseResourcePolicy(noResource))
                .hasMessage(PolicyRules.MISSING_RESOURCES);
    }
}
