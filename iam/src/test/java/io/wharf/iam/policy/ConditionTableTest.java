package io.wharf.iam.policy;

import io.wharf.protocol.auth.Principal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;

import static io.wharf.iam.policy.EvaluationCase.row;
import static io.wharf.iam.policy.Policies.A;
import static io.wharf.iam.policy.Policies.APP;
import static io.wharf.iam.policy.Policies.BOB;
import static io.wharf.iam.policy.Policies.QUEUE;
import static io.wharf.iam.policy.Policies.allow;
import static io.wharf.iam.policy.Policies.condition;
import static io.wharf.iam.policy.Policies.deny;
import static io.wharf.iam.policy.Policies.doc;
import static io.wharf.iam.policy.Policies.doc2008;
import static io.wharf.iam.policy.Policies.docWithoutVersion;
import static io.wharf.iam.policy.Policies.when;
import static io.wharf.protocol.auth.Decision.ALLOW;
import static io.wharf.protocol.auth.Decision.EXPLICIT_IDENTITY_DENY;
import static io.wharf.protocol.auth.Decision.NO_IDENTITY_ALLOW;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every condition operator (and its IfExists form, the ForAnyValue/ForAllValues qualifiers, Null), the keys the
 * evaluator supplies itself, and policy variables, each as an identity policy of Alice (tags team=blue, dept=eng)
 * sending to the orders queue at 2024-06-01T12:00:00Z.
 */
class ConditionTableTest {
    private static final PolicyEvaluator EVALUATOR = new PolicyEvaluator(EvaluationCase.CLOCK);
    private static final String PREFIX = "arn:aws:sqs:us-east-1:111111111111:";
    private static final Principal STAR_TEAM = new Principal(Principal.Type.USER, A,
            "arn:aws:iam::111111111111:user/star", "AIDASTAR000000000009", "star", null, null, null,
            Map.of("team", "*"));

    /** Allows sqs:SendMessage on the queue under one Condition block. */
    private static String allowWhen(String condition) {
        return doc(when(allow("sqs:SendMessage", QUEUE), condition));
    }

    private static String allowWhen(String operator, String key, String... values) {
        return allowWhen(condition(operator, key, values));
    }

    static List<EvaluationCase> cases() {
        return List.of(
                // strings
                row("StringEquals on a principal tag").identity(allowWhen("StringEquals", "aws:PrincipalTag/team",
                        "blue")).expect(ALLOW),
                row("StringEquals with another value").identity(allowWhen("StringEquals", "aws:PrincipalTag/team",
                        "red")).expect(NO_IDENTITY_ALLOW),
                row("StringEquals: several values are ORed").identity(allowWhen("StringEquals",
                        "aws:PrincipalTag/team", "red", "blue")).expect(ALLOW),
                row("key names are case-insensitive").identity(allowWhen("StringEquals", "AWS:PRINCIPALTAG/TEAM",
                        "blue")).expect(ALLOW),
                row("values are case-sensitive").identity(allowWhen("StringEquals", "aws:PrincipalTag/team", "Blue"))
                        .expect(NO_IDENTITY_ALLOW),
                row("StringEqualsIgnoreCase").identity(allowWhen("StringEqualsIgnoreCase", "aws:PrincipalTag/team",
                        "BLUE")).expect(ALLOW),
                row("StringNotEquals another value").identity(allowWhen("StringNotEquals", "aws:PrincipalTag/team",
                        "red")).expect(ALLOW),
                row("StringNotEquals: the value must match none").identity(allowWhen("StringNotEquals",
                        "aws:PrincipalTag/team", "red", "blue")).expect(NO_IDENTITY_ALLOW),
                row("StringNotEquals on an absent key holds").identity(allowWhen("StringNotEquals",
                        "aws:PrincipalTag/project", "x")).expect(ALLOW),
                row("StringNotEqualsIgnoreCase").identity(allowWhen("StringNotEqualsIgnoreCase",
                        "aws:PrincipalTag/team", "BLUE")).expect(NO_IDENTITY_ALLOW),
                row("StringLike with *").identity(allowWhen("StringLike", "aws:username", "al*")).expect(ALLOW),
                row("StringLike with ?").identity(allowWhen("StringLike", "aws:username", "a?ice")).expect(ALLOW),
                row("StringLike without match").identity(allowWhen("StringLike", "aws:username", "b*"))
                        .expect(NO_IDENTITY_ALLOW),
                row("StringNotLike").identity(allowWhen("StringNotLike", "aws:username", "b*")).expect(ALLOW),
                row("StringLike on an absent key fails").identity(allowWhen("StringLike", "aws:PrincipalTag/project",
                        "*")).expect(NO_IDENTITY_ALLOW),
                row("StringEquals treats * literally").identity(allowWhen("StringEquals", "aws:username", "al*"))
                        .expect(NO_IDENTITY_ALLOW),
                row("two keys are ANDed (both hold)").identity(allowWhen("{\"StringEquals\":{\"aws:PrincipalTag/team\":"
                        + "\"blue\",\"aws:PrincipalTag/dept\":\"eng\"}}")).expect(ALLOW),
                row("two keys are ANDed (one fails)").identity(allowWhen("{\"StringEquals\":{\"aws:PrincipalTag/team\":"
                        + "\"blue\",\"aws:PrincipalTag/dept\":\"ops\"}}")).expect(NO_IDENTITY_ALLOW),
                row("two operators are ANDed").identity(allowWhen("{\"StringEquals\":{\"aws:PrincipalTag/team\":"
                        + "\"blue\"},\"Bool\":{\"aws:SecureTransport\":\"true\"}}"))
                        .context("aws:SecureTransport", "false").expect(NO_IDENTITY_ALLOW),
                row("StringEqualsIfExists on an absent key").identity(allowWhen("StringEqualsIfExists",
                        "aws:PrincipalTag/project", "x")).expect(ALLOW),
                row("StringEqualsIfExists on a present key that differs").identity(allowWhen("StringEqualsIfExists",
                        "aws:PrincipalTag/team", "red")).expect(NO_IDENTITY_ALLOW),
                row("StringNotEqualsIfExists on a present key that matches").identity(allowWhen(
                        "StringNotEqualsIfExists", "aws:PrincipalTag/team", "blue")).expect(NO_IDENTITY_ALLOW),
                row("a request-supplied key").identity(allowWhen("StringEquals", "sqs:MessageGroupId", "g1"))
                        .context("sqs:MessageGroupId", "g1").expect(ALLOW),

                // numbers
                row("NumericLessThanEquals").identity(allowWhen("NumericLessThanEquals", "s3:max-keys", "10"))
                        .context("s3:max-keys", "10").expect(ALLOW),
                row("NumericLessThan at the bound").identity(allowWhen("NumericLessThan", "s3:max-keys", "10"))
                        .context("s3:max-keys", "10").expect(NO_IDENTITY_ALLOW),
                row("NumericGreaterThan").identity(allowWhen("NumericGreaterThan", "s3:max-keys", "5"))
                        .context("s3:max-keys", "10").expect(ALLOW),
                row("NumericGreaterThanEquals above").identity(allowWhen("NumericGreaterThanEquals", "s3:max-keys",
                        "11")).context("s3:max-keys", "10").expect(NO_IDENTITY_ALLOW),
                row("NumericEquals compares numbers, not text").identity(allowWhen("NumericEquals", "s3:max-keys",
                        "10.0")).context("s3:max-keys", "10").expect(ALLOW),
                row("NumericNotEquals").identity(allowWhen("NumericNotEquals", "s3:max-keys", "10"))
                        .context("s3:max-keys", "10").expect(NO_IDENTITY_ALLOW),
                row("a JSON number as the policy value").identity(allowWhen("{\"NumericLessThan\":{\"s3:max-keys\":"
                        + "100}}")).context("s3:max-keys", "10").expect(ALLOW),
                row("a request value that is no number").identity(allowWhen("NumericLessThan", "s3:max-keys", "100"))
                        .context("s3:max-keys", "many").expect(NO_IDENTITY_ALLOW),
                row("NumericLessThanIfExists on an absent key").identity(allowWhen("NumericLessThanIfExists",
                        "s3:max-keys", "10")).expect(ALLOW),
                row("NumericLessThan on an absent key").identity(allowWhen("NumericLessThan", "s3:max-keys", "10"))
                        .expect(NO_IDENTITY_ALLOW),
                row("NumericGreaterThan on aws:EpochTime").identity(allowWhen("NumericGreaterThan", "aws:EpochTime",
                        "1700000000")).expect(ALLOW),

                // dates
                row("DateGreaterThan aws:CurrentTime").identity(allowWhen("DateGreaterThan", "aws:CurrentTime",
                        "2024-01-01T00:00:00Z")).expect(ALLOW),
                row("DateLessThan aws:CurrentTime").identity(allowWhen("DateLessThan", "aws:CurrentTime",
                        "2024-01-01T00:00:00Z")).expect(NO_IDENTITY_ALLOW),
                row("a date without time").identity(allowWhen("DateLessThan", "aws:CurrentTime", "2024-12-31"))
                        .expect(ALLOW),
                row("an epoch against aws:EpochTime").identity(allowWhen("DateGreaterThanEquals", "aws:EpochTime",
                        "1717243200")).expect(ALLOW),
                row("an epoch one second later").identity(allowWhen("DateGreaterThanEquals", "aws:EpochTime",
                        "1717243201")).expect(NO_IDENTITY_ALLOW),
                row("DateEquals across zones").identity(allowWhen("DateEquals", "aws:CurrentTime",
                        "2024-06-01T14:00:00+02:00")).expect(ALLOW),
                row("DateNotEquals the same instant").identity(allowWhen("DateNotEquals", "aws:CurrentTime",
                        "2024-06-01T12:00:00Z")).expect(NO_IDENTITY_ALLOW),
                row("DateLessThanEquals an epoch before").identity(allowWhen("DateLessThanEquals", "aws:CurrentTime",
                        "1717243199")).expect(NO_IDENTITY_ALLOW),
                row("a window: after and before").identity(allowWhen("{\"DateGreaterThan\":{\"aws:CurrentTime\":"
                        + "\"2024-05-01T00:00:00Z\"},\"DateLessThan\":{\"aws:CurrentTime\":\"2024-07-01T00:00:00Z\"}}"))
                        .expect(ALLOW),
                row("a date key absent").identity(allowWhen("DateGreaterThan", "aws:TokenIssueTime",
                        "2020-01-01T00:00:00Z")).expect(NO_IDENTITY_ALLOW),
                row("DateGreaterThanIfExists on an absent key").identity(allowWhen("DateGreaterThanIfExists",
                        "aws:TokenIssueTime", "2020-01-01T00:00:00Z")).expect(ALLOW),
                row("a request date with fractions").identity(allowWhen("DateGreaterThan", "aws:TokenIssueTime",
                        "2024-01-01T00:00:00Z")).context("aws:TokenIssueTime", "2024-05-31T23:59:59.250Z")
                        .expect(ALLOW),

                // booleans, binary
                row("Bool true").identity(allowWhen("Bool", "aws:SecureTransport", "true"))
                        .context("aws:SecureTransport", "true").expect(ALLOW),
                row("Bool false request").identity(allowWhen("Bool", "aws:SecureTransport", "true"))
                        .context("aws:SecureTransport", "false").expect(NO_IDENTITY_ALLOW),
                row("Bool with a JSON boolean").identity(allowWhen("{\"Bool\":{\"aws:SecureTransport\":true}}"))
                        .context("aws:SecureTransport", "true").expect(ALLOW),
                row("Bool ignores case").identity(allowWhen("Bool", "aws:SecureTransport", "TRUE"))
                        .context("aws:SecureTransport", "true").expect(ALLOW),
                row("deny plain HTTP").identity(doc(allow("*", "*"), when(deny("*", "*"),
                        condition("Bool", "aws:SecureTransport", "false"))))
                        .context("aws:SecureTransport", "false").expect(EXPLICIT_IDENTITY_DENY),
                row("BinaryEquals").identity(allowWhen("BinaryEquals", "custom:blob", "QmluYXJ5VmFsdWU="))
                        .context("custom:blob", "QmluYXJ5VmFsdWU=").expect(ALLOW),
                row("BinaryEquals another value").identity(allowWhen("BinaryEquals", "custom:blob",
                        "QmluYXJ5VmFsdWU=")).context("custom:blob", "T3RoZXI=").expect(NO_IDENTITY_ALLOW),

                // IP addresses
                row("IpAddress in an IPv4 range").identity(allowWhen("IpAddress", "aws:SourceIp", "203.0.113.0/24"))
                        .context("aws:SourceIp", "203.0.113.7").expect(ALLOW),
                row("IpAddress outside the range").identity(allowWhen("IpAddress", "aws:SourceIp", "203.0.113.0/24"))
                        .context("aws:SourceIp", "198.51.100.1").expect(NO_IDENTITY_ALLOW),
                row("NotIpAddress outside the range").identity(allowWhen("NotIpAddress", "aws:SourceIp",
                        "203.0.113.0/24")).context("aws:SourceIp", "198.51.100.1").expect(ALLOW),
                row("an address without prefix is /32").identity(allowWhen("IpAddress", "aws:SourceIp",
                        "203.0.113.7")).context("aws:SourceIp", "203.0.113.8").expect(NO_IDENTITY_ALLOW),
                row("a /20 range").identity(allowWhen("IpAddress", "aws:SourceIp", "10.1.16.0/20"))
                        .context("aws:SourceIp", "10.1.31.255").expect(ALLOW),
                row("IPv6 range").identity(allowWhen("IpAddress", "aws:SourceIp", "2001:DB8:1234:5678::/64"))
                        .context("aws:SourceIp", "2001:db8:1234:5678:abcd::1").expect(ALLOW),
                row("IPv6 outside the range").identity(allowWhen("IpAddress", "aws:SourceIp",
                        "2001:DB8:1234:5678::/64")).context("aws:SourceIp", "2001:db8:1234:5679::1")
                        .expect(NO_IDENTITY_ALLOW),
                row("mixed IPv4 and IPv6 list, IPv6 caller").identity(allowWhen("IpAddress", "aws:SourceIp",
                        "203.0.113.0/24", "2001:DB8:1234:5678::/64"))
                        .context("aws:SourceIp", "2001:db8:1234:5678::9").expect(ALLOW),
                row("an IPv4 range does not hold an IPv6 caller").identity(allowWhen("IpAddress", "aws:SourceIp",
                        "0.0.0.0/0")).context("aws:SourceIp", "::1").expect(NO_IDENTITY_ALLOW),
                row("IpAddress without a source address").identity(allowWhen("IpAddress", "aws:SourceIp",
                        "0.0.0.0/0")).expect(NO_IDENTITY_ALLOW),
                row("NotIpAddress without a source address").identity(allowWhen("NotIpAddress", "aws:SourceIp",
                        "203.0.113.0/24")).expect(ALLOW),
                row("deny from outside the corporate range").identity(doc(allow("*", "*"), when(deny("*", "*"),
                        condition("NotIpAddress", "aws:SourceIp", "192.0.2.0/24"))))
                        .context("aws:SourceIp", "198.51.100.4").expect(EXPLICIT_IDENTITY_DENY),

                // ARNs
                row("ArnLike on aws:PrincipalArn").identity(allowWhen("ArnLike", "aws:PrincipalArn",
                        "arn:aws:iam::111111111111:user/*")).expect(ALLOW),
                row("aws:PrincipalArn of a role session is the role").as(APP).identity(allowWhen("ArnEquals",
                        "aws:PrincipalArn", "arn:aws:iam::111111111111:role/app")).expect(ALLOW),
                row("ArnNotEquals").identity(allowWhen("ArnNotEquals", "aws:SourceArn",
                        "arn:aws:sns:us-east-1:111111111111:events"))
                        .context("aws:SourceArn", "arn:aws:sns:us-east-1:111111111111:audit").expect(ALLOW),
                row("ArnLike wildcards stay within a segment").identity(allowWhen("ArnLike", "aws:SourceArn",
                        "arn:aws:sns:*:events")).context("aws:SourceArn", "arn:aws:sns:us-east-1:111111111111:events")
                        .expect(NO_IDENTITY_ALLOW),
                row("StringLike wildcards cross colons").identity(allowWhen("StringLike", "aws:SourceArn",
                        "arn:aws:sns:*:events")).context("aws:SourceArn", "arn:aws:sns:us-east-1:111111111111:events")
                        .expect(ALLOW),
                row("ArnNotLike on an absent key holds").identity(allowWhen("ArnNotLike", "aws:SourceArn",
                        "arn:aws:sns:*")).expect(ALLOW),
                row("ArnEquals is case-sensitive").identity(allowWhen("ArnEquals", "aws:SourceArn",
                        "arn:aws:sns:us-east-1:111111111111:Events"))
                        .context("aws:SourceArn", "arn:aws:sns:us-east-1:111111111111:events")
                        .expect(NO_IDENTITY_ALLOW),

                // Null
                row("Null true on an absent key").identity(allowWhen("Null", "aws:TokenIssueTime", "true"))
                        .expect(ALLOW),
                row("Null false on an absent key").identity(allowWhen("Null", "aws:TokenIssueTime", "false"))
                        .expect(NO_IDENTITY_ALLOW),
                row("Null false on a present key").identity(allowWhen("Null", "aws:SourceIp", "false"))
                        .context("aws:SourceIp", "192.0.2.1").expect(ALLOW),
                row("Null true on a present key").identity(allowWhen("Null", "aws:SourceIp", "true"))
                        .context("aws:SourceIp", "192.0.2.1").expect(NO_IDENTITY_ALLOW),

                // set operators over multi-valued keys
                row("ForAllValues: every request value listed").identity(allowWhen("ForAllValues:StringEquals",
                        "aws:TagKeys", "env", "team")).context("aws:TagKeys", "env").expect(ALLOW),
                row("ForAllValues: a value not listed").identity(allowWhen("ForAllValues:StringEquals",
                        "aws:TagKeys", "env", "team")).context("aws:TagKeys", "env", "secret")
                        .expect(NO_IDENTITY_ALLOW),
                row("ForAllValues on an absent key holds").identity(allowWhen("ForAllValues:StringEquals",
                        "aws:TagKeys", "env")).expect(ALLOW),
                row("ForAnyValue: one value listed").identity(allowWhen("ForAnyValue:StringEquals", "aws:TagKeys",
                        "secret")).context("aws:TagKeys", "env", "secret").expect(ALLOW),
                row("ForAnyValue: none listed").identity(allowWhen("ForAnyValue:StringEquals", "aws:TagKeys",
                        "secret")).context("aws:TagKeys", "env").expect(NO_IDENTITY_ALLOW),
                row("ForAnyValue on an absent key fails").identity(allowWhen("ForAnyValue:StringEquals",
                        "aws:TagKeys", "env")).expect(NO_IDENTITY_ALLOW),
                row("deny ForAnyValue of a forbidden tag key").identity(doc(allow("*", "*"), when(deny("*", "*"),
                        condition("ForAnyValue:StringEquals", "aws:TagKeys", "secret"))))
                        .context("aws:TagKeys", "env", "secret").expect(EXPLICIT_IDENTITY_DENY),
                row("ForAllValues:StringNotEquals, none forbidden").identity(allowWhen(
                        "ForAllValues:StringNotEquals", "aws:TagKeys", "secret")).context("aws:TagKeys", "env", "team")
                        .expect(ALLOW),
                row("ForAllValues:StringNotEquals, one forbidden").identity(allowWhen(
                        "ForAllValues:StringNotEquals", "aws:TagKeys", "secret"))
                        .context("aws:TagKeys", "env", "secret").expect(NO_IDENTITY_ALLOW),
                row("ForAnyValue:StringNotEquals, one other").identity(allowWhen("ForAnyValue:StringNotEquals",
                        "aws:TagKeys", "env")).context("aws:TagKeys", "env", "x").expect(ALLOW),
                row("ForAnyValue:StringNotEquals, only listed ones").identity(allowWhen(
                        "ForAnyValue:StringNotEquals", "aws:TagKeys", "env")).context("aws:TagKeys", "env")
                        .expect(NO_IDENTITY_ALLOW),
                row("ForAllValues:StringLike").identity(allowWhen("ForAllValues:StringLike", "aws:TagKeys",
                        "team-*")).context("aws:TagKeys", "team-a", "team-b").expect(ALLOW),
                row("a multi-valued key without qualifier").identity(allowWhen("StringEquals", "aws:TagKeys", "env"))
                        .context("aws:TagKeys", "env", "x").expect(ALLOW),
                row("ForAnyValue:StringEqualsIfExists on an absent key").identity(allowWhen(
                        "ForAnyValue:StringEqualsIfExists", "aws:TagKeys", "env")).expect(ALLOW),

                // keys the evaluator supplies
                row("aws:PrincipalType of a user").identity(allowWhen("StringEquals", "aws:PrincipalType", "User"))
                        .expect(ALLOW),
                row("aws:PrincipalType of a role session").as(APP).identity(allowWhen("StringEquals",
                        "aws:PrincipalType", "AssumedRole")).expect(ALLOW),
                row("aws:userid of a role session").as(APP).identity(allowWhen("StringLike", "aws:userid",
                        "AROA*:s1")).expect(ALLOW),
                row("aws:username is absent for a role session").as(APP).identity(allowWhen("Null", "aws:username",
                        "true")).expect(ALLOW),
                row("aws:PrincipalAccount").identity(allowWhen("StringEquals", "aws:PrincipalAccount", A))
                        .expect(ALLOW),
                row("principal tags cannot be supplied by the request").as(BOB).identity(allowWhen("StringEquals",
                        "aws:PrincipalTag/team", "blue")).context("aws:PrincipalTag/team", "blue")
                        .expect(NO_IDENTITY_ALLOW),
                row("principal tag keys compare case-insensitively").identity(allowWhen("StringEquals",
                        "aws:PrincipalTag/TEAM", "blue")).expect(ALLOW),

                // policy variables
                row("${aws:username} in a Resource").on(PREFIX + "alice-jobs", A)
                        .identity(doc(allow("sqs:SendMessage", PREFIX + "${aws:username}-*"))).expect(ALLOW),
                row("${aws:username} of another user").as(BOB).on(PREFIX + "alice-jobs", A)
                        .identity(doc(allow("sqs:SendMessage", PREFIX + "${aws:username}-*"))).expect(NO_IDENTITY_ALLOW),
                row("${aws:username} without a user name matches nothing").as(APP).on(PREFIX + "s1-jobs", A)
                        .identity(doc(allow("sqs:SendMessage", PREFIX + "${aws:username}-*"))).expect(NO_IDENTITY_ALLOW),
                row("no variables in Version 2008-10-17").on(PREFIX + "alice-jobs", A)
                        .identity(doc2008(allow("sqs:SendMessage", PREFIX + "${aws:username}-*")))
                        .expect(NO_IDENTITY_ALLOW),
                row("no variables without a Version").on(PREFIX + "alice-jobs", A)
                        .identity(docWithoutVersion(allow("sqs:SendMessage", PREFIX + "${aws:username}-*")))
                        .expect(NO_IDENTITY_ALLOW),
                row("Version 2008 takes ${...} literally").on(PREFIX + "${aws:username}", A)
                        .identity(doc2008(allow("sqs:SendMessage", PREFIX + "${aws:username}"))).expect(ALLOW),
                row("${aws:PrincipalTag/team} in a Resource").on(PREFIX + "team-blue", A)
                        .identity(doc(allow("sqs:*", PREFIX + "team-${aws:PrincipalTag/team}"))).expect(ALLOW),
                row("a variable's default value").as(BOB).on(PREFIX + "team-shared", A)
                        .identity(doc(allow("sqs:*", PREFIX + "team-${aws:PrincipalTag/team, 'shared'}")))
                        .expect(ALLOW),
                row("a variable in a condition value").identity(allowWhen("StringEquals", "aws:ResourceTag/owner",
                        "${aws:username}")).context("aws:ResourceTag/owner", "alice").expect(ALLOW),
                row("a variable in a condition value, another owner").as(BOB).identity(allowWhen("StringEquals",
                        "aws:ResourceTag/owner", "${aws:username}")).context("aws:ResourceTag/owner", "alice")
                        .expect(NO_IDENTITY_ALLOW),
                row("${*} is a literal asterisk").on(PREFIX + "star*", A)
                        .identity(doc(allow("sqs:*", PREFIX + "star${*}"))).expect(ALLOW),
                row("${*} is not a wildcard").on(PREFIX + "starry", A)
                        .identity(doc(allow("sqs:*", PREFIX + "star${*}"))).expect(NO_IDENTITY_ALLOW),
                row("${$} and ${?} are literal").on(PREFIX + "cost$?", A)
                        .identity(doc(allow("sqs:*", PREFIX + "cost${$}${?}"))).expect(ALLOW),
                row("a variable's value * stays literal").as(STAR_TEAM).on(PREFIX + "q-anything", A)
                        .identity(doc(allow("sqs:*", PREFIX + "q-${aws:PrincipalTag/team}"))).expect(NO_IDENTITY_ALLOW),
                row("a variable's value * matches itself").as(STAR_TEAM).on(PREFIX + "q-*", A)
                        .identity(doc(allow("sqs:*", PREFIX + "q-${aws:PrincipalTag/team}"))).expect(ALLOW),
                row("no variables before the resource part of an ARN")
                        .identity(doc(allow("sqs:*", "arn:aws:sqs:${aws:RequestedRegion}:111111111111:orders")))
                        .context("aws:RequestedRegion", "us-east-1").expect(NO_IDENTITY_ALLOW),
                row("an unresolvable variable is equal to nothing").identity(allowWhen("StringNotEquals",
                        "aws:ResourceTag/owner", "${aws:PrincipalTag/project}"))
                        .context("aws:ResourceTag/owner", "alice").expect(ALLOW),
                row("a variable in ArnEquals").identity(allowWhen("ArnEquals", "aws:SourceArn",
                        "arn:aws:sns:us-east-1:111111111111:${aws:username}"))
                        .context("aws:SourceArn", "arn:aws:sns:us-east-1:111111111111:alice").expect(ALLOW),
                row("a variable in StringLike").identity(allowWhen("StringLike", "s3:prefix", "home/${aws:username}/*"))
                        .context("s3:prefix", "home/alice/docs").expect(ALLOW),
                row("a variable naming a request key").identity(allowWhen("StringEquals", "aws:ResourceTag/team",
                        "${aws:PrincipalTag/team}")).context("aws:ResourceTag/team", "blue").expect(ALLOW)
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decides(EvaluationCase row) {
        assertThat(row.evaluate(EVALUATOR)).isEqualTo(row.expected());
    }
}
