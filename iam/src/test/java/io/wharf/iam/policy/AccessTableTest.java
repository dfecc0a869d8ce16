package io.wharf.iam.policy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static io.wharf.iam.policy.EvaluationCase.row;
import static io.wharf.iam.policy.Policies.A;
import static io.wharf.iam.policy.Policies.ALICE;
import static io.wharf.iam.policy.Policies.ANONYMOUS;
import static io.wharf.iam.policy.Policies.APP;
import static io.wharf.iam.policy.Policies.APP_ROLE;
import static io.wharf.iam.policy.Policies.APP_SESSION;
import static io.wharf.iam.policy.Policies.B;
import static io.wharf.iam.policy.Policies.BOB;
import static io.wharf.iam.policy.Policies.CAROL;
import static io.wharf.iam.policy.Policies.EC2;
import static io.wharf.iam.policy.Policies.FED;
import static io.wharf.iam.policy.Policies.KEY;
import static io.wharf.iam.policy.Policies.OTHER_QUEUE;
import static io.wharf.iam.policy.Policies.OTHER_TOPIC;
import static io.wharf.iam.policy.Policies.QUEUE;
import static io.wharf.iam.policy.Policies.QUEUE_B;
import static io.wharf.iam.policy.Policies.READER;
import static io.wharf.iam.policy.Policies.READER_ROLE;
import static io.wharf.iam.policy.Policies.READER_SESSION;
import static io.wharf.iam.policy.Policies.ROOT_A;
import static io.wharf.iam.policy.Policies.ROOT_B;
import static io.wharf.iam.policy.Policies.SNS;
import static io.wharf.iam.policy.Policies.TOPIC;
import static io.wharf.iam.policy.Policies.WEB;
import static io.wharf.iam.policy.Policies.allow;
import static io.wharf.iam.policy.Policies.allowTo;
import static io.wharf.iam.policy.Policies.aws;
import static io.wharf.iam.policy.Policies.condition;
import static io.wharf.iam.policy.Policies.deny;
import static io.wharf.iam.policy.Policies.denyTo;
import static io.wharf.iam.policy.Policies.doc;
import static io.wharf.iam.policy.Policies.list;
import static io.wharf.iam.policy.Policies.service;
import static io.wharf.iam.policy.Policies.when;
import static io.wharf.iam.policy.Policies.withSessionPolicy;
import static io.wharf.protocol.auth.Decision.ALLOW;
import static io.wharf.protocol.auth.Decision.EXPLICIT_IDENTITY_DENY;
import static io.wharf.protocol.auth.Decision.EXPLICIT_RESOURCE_DENY;
import static io.wharf.protocol.auth.Decision.EXPLICIT_SESSION_DENY;
import static io.wharf.protocol.auth.Decision.NO_IDENTITY_ALLOW;
import static io.wharf.protocol.auth.Decision.NO_RESOURCE_ALLOW;
import static io.wharf.protocol.auth.Decision.NO_SESSION_ALLOW;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may do what, by AWS's "Policy evaluation logic", "Cross-account policy evaluation logic" and "Session
 * policies": explicit denies first, identity and resource policies in one account, both accounts across accounts,
 * session policies, service principals and anonymous callers, NotAction/NotResource/NotPrincipal, wildcards, trust
 * and key policies.
 */
class AccessTableTest {
    private static final PolicyEvaluator EVALUATOR = new PolicyEvaluator(EvaluationCase.CLOCK);

    private static final String ALLOW_ALL = doc(allow("*", "*"));
    private static final String ALLOW_SQS = doc(allow("sqs:*", "*"));
    private static final String RECEIVE_ONLY = doc(allow("sqs:ReceiveMessage", "*"));
    private static final String SNS_TO_SQS = doc(when(allowTo(service("sns.amazonaws.com"), "sqs:SendMessage", QUEUE),
            condition("ArnEquals", "aws:SourceArn", TOPIC)));
    private static final String DEFAULT_TOPIC_POLICY = "{\"Version\":\"2008-10-17\",\"Id\":\"__default_policy_ID\","
            + "\"Statement\":[{\"Sid\":\"__default_statement_ID\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},"
            + "\"Action\":[\"SNS:GetTopicAttributes\",\"SNS:SetTopicAttributes\",\"SNS:AddPermission\","
            + "\"SNS:RemovePermission\",\"SNS:DeleteTopic\",\"SNS:Subscribe\",\"SNS:ListSubscriptionsByTopic\","
            + "\"SNS:Publish\"],\"Resource\":\"" + TOPIC + "\",\"Condition\":{\"StringEquals\":"
            + "{\"AWS:SourceOwner\":\"111111111111\"}}}]}";

    static List<EvaluationCase> cases() {
        return List.of(
                // same account, identity policies only
                row("user without any policy").expect(NO_IDENTITY_ALLOW),
                row("identity allows the action on the queue").identity(doc(allow("sqs:SendMessage", QUEUE)))
                        .expect(ALLOW),
                row("identity allows sqs:* on *").identity(ALLOW_SQS).expect(ALLOW),
                row("identity allows * on *").identity(ALLOW_ALL).expect(ALLOW),
                row("identity allows another action").identity(RECEIVE_ONLY).expect(NO_IDENTITY_ALLOW),
                row("identity allows another queue").identity(doc(allow("sqs:SendMessage", OTHER_QUEUE)))
                        .expect(NO_IDENTITY_ALLOW),
                row("action prefix wildcard").identity(doc(allow("sqs:Send*", QUEUE))).expect(ALLOW),
                row("action in the policy in another case").identity(doc(allow("SQS:sendmessage", QUEUE)))
                        .expect(ALLOW),
                row("action in the request in another case").does("SQS:SENDMESSAGE")
                        .identity(doc(allow("sqs:SendMessage", QUEUE))).expect(ALLOW),
                row("? matches one character").identity(doc(allow("sqs:SendMessag?", QUEUE))).expect(ALLOW),
                row("? does not match several").identity(doc(allow("sqs:Send?", QUEUE))).expect(NO_IDENTITY_ALLOW),
                row("a wildcard vendor matches nothing else").identity(doc(allow("sns:*", "*")))
                        .expect(NO_IDENTITY_ALLOW),
                row("resource is case-sensitive")
                        .identity(doc(allow("sqs:SendMessage", "arn:aws:sqs:us-east-1:111111111111:ORDERS")))
                        .expect(NO_IDENTITY_ALLOW),
                row("resource wildcards in region and name")
                        .identity(doc(allow("sqs:SendMessage", "arn:aws:sqs:*:111111111111:*"))).expect(ALLOW),
                row("resource prefix wildcard")
                        .identity(doc(allow("sqs:SendMessage", "arn:aws:sqs:us-east-1:111111111111:ord*")))
                        .expect(ALLOW),
                row("resource account wildcard")
                        .identity(doc(allow("sqs:SendMessage", "arn:aws:sqs:us-east-1:*:orders"))).expect(ALLOW),
                row("a wildcard inside a segment does not cross colons")
                        .identity(doc(allow("sqs:SendMessage", "arn:aws:sqs:*:orders"))).expect(NO_IDENTITY_ALLOW),
                row("a wildcard in the last written segment covers the rest")
                        .identity(doc(allow("sqs:SendMessage", "arn:aws:sqs:*"))).expect(ALLOW),
                row("? in a segment matches one character")
                        .identity(doc(allow("sqs:SendMessage", "arn:aws:sqs:us-east-?:111111111111:orders")))
                        .expect(ALLOW),
                row("the second identity policy allows").identity(RECEIVE_ONLY, doc(allow("sqs:SendMessage", QUEUE)))
                        .expect(ALLOW),
                row("action and resource lists")
                        .identity(doc(allow(list("sqs:ReceiveMessage", "sqs:SendMessage"), list(OTHER_QUEUE, QUEUE))))
                        .expect(ALLOW),

                // explicit deny wins
                row("identity deny beats identity allow in the same policy")
                        .identity(doc(allow("*", "*"), deny("sqs:SendMessage", QUEUE))).expect(EXPLICIT_IDENTITY_DENY),
                row("identity deny in another policy").identity(ALLOW_ALL, doc(deny("sqs:*", "*")))
                        .expect(EXPLICIT_IDENTITY_DENY),
                row("resource deny naming the user").identity(ALLOW_ALL)
                        .resourcePolicy(doc(denyTo(aws(ALICE.arn()), "sqs:SendMessage", QUEUE)))
                        .expect(EXPLICIT_RESOURCE_DENY),
                row("resource deny to everyone").identity(ALLOW_ALL)
                        .resourcePolicy(doc(denyTo("*", "sqs:*", QUEUE))).expect(EXPLICIT_RESOURCE_DENY),
                row("resource deny to the account covers its users").identity(ALLOW_ALL)
                        .resourcePolicy(doc(denyTo(aws(A), "sqs:*", QUEUE))).expect(EXPLICIT_RESOURCE_DENY),
                row("resource deny beats resource allow to the same user")
                        .resourcePolicy(doc(allowTo(aws(ALICE.arn()), "sqs:*", QUEUE),
                                denyTo(aws(ALICE.arn()), "sqs:SendMessage", QUEUE)))
                        .expect(EXPLICIT_RESOURCE_DENY),
                row("identity deny beats a direct resource allow").identity(doc(deny("sqs:SendMessage", "*")))
                        .resourcePolicy(doc(allowTo(aws(ALICE.arn()), "sqs:*", QUEUE))).expect(EXPLICIT_IDENTITY_DENY),
                row("the root is denied by the resource policy").as(ROOT_A)
                        .resourcePolicy(doc(denyTo("*", "sqs:SendMessage", QUEUE))).expect(EXPLICIT_RESOURCE_DENY),
                row("the root of the account without policies").as(ROOT_A).expect(ALLOW),
                row("a deny naming another user does not apply").identity(ALLOW_SQS)
                        .resourcePolicy(doc(denyTo(aws(BOB.arn()), "sqs:*", QUEUE))).expect(ALLOW),
                row("a deny of another action does not apply").identity(ALLOW_SQS, doc(deny("sqs:DeleteQueue", "*")))
                        .expect(ALLOW),
                row("a deny whose condition fails does not apply")
                        .identity(ALLOW_SQS, doc(when(deny("sqs:*", "*"),
                                condition("Bool", "aws:SecureTransport", "false"))))
                        .context("aws:SecureTransport", "true").expect(ALLOW),
                row("session policy deny").as(withSessionPolicy(APP, doc(allow("*", "*"), deny("sqs:SendMessage", "*"))))
                        .identity(ALLOW_ALL).expect(EXPLICIT_SESSION_DENY),
                row("identity deny is reported before a session deny")
                        .as(withSessionPolicy(APP, doc(deny("sqs:*", "*")))).identity(doc(deny("sqs:*", "*")))
                        .expect(EXPLICIT_IDENTITY_DENY),
                row("resource deny is reported before a session deny")
                        .as(withSessionPolicy(APP, doc(deny("sqs:*", "*")))).identity(ALLOW_ALL)
                        .resourcePolicy(doc(denyTo("*", "sqs:*", QUEUE))).expect(EXPLICIT_RESOURCE_DENY),
                row("cross-account identity deny beats the resource allow").as(CAROL)
                        .identity(ALLOW_ALL, doc(deny("sqs:*", QUEUE)))
                        .resourcePolicy(doc(allowTo(aws(CAROL.arn()), "sqs:*", QUEUE))).expect(EXPLICIT_IDENTITY_DENY),
                row("deny with NotAction denies every other action")
                        .identity(ALLOW_ALL, doc("{\"Effect\":\"Deny\",\"NotAction\":\"sqs:ReceiveMessage\","
                                + "\"Resource\":\"*\"}")).expect(EXPLICIT_IDENTITY_DENY),
                row("deny with NotAction spares the listed action")
                        .identity(ALLOW_ALL, doc("{\"Effect\":\"Deny\",\"NotAction\":[\"sqs:SendMessage\","
                                + "\"sqs:ReceiveMessage\"],\"Resource\":\"*\"}")).expect(ALLOW),

                // same account, resource policies
                row("resource policy names the user, no identity policy").as(BOB)
                        .resourcePolicy(doc(allowTo(aws(BOB.arn()), "sqs:SendMessage", QUEUE))).expect(ALLOW),
                row("resource policy names only the account: delegated to IAM").as(BOB)
                        .resourcePolicy(doc(allowTo(aws(A), "sqs:SendMessage", QUEUE))).expect(NO_IDENTITY_ALLOW),
                row("resource policy names the account's root ARN: delegated to IAM").as(BOB)
                        .resourcePolicy(doc(allowTo(aws("arn:aws:iam::111111111111:root"), "sqs:*", QUEUE)))
                        .expect(NO_IDENTITY_ALLOW),
                row("account delegation plus an identity allow").as(BOB).identity(ALLOW_SQS)
                        .resourcePolicy(doc(allowTo(aws(A), "sqs:SendMessage", QUEUE))).expect(ALLOW),
                row("the root with an account grant").as(ROOT_A)
                        .resourcePolicy(doc(allowTo(aws(A), "sqs:SendMessage", QUEUE))).expect(ALLOW),
                row("the root with a resource policy that does not name it").as(ROOT_A)
                        .resourcePolicy(doc(allowTo(aws(BOB.arn()), "sqs:SendMessage", QUEUE))).expect(ALLOW),
                row("Principal * grants a user without identity policy").as(BOB)
                        .resourcePolicy(doc(allowTo("*", "sqs:SendMessage", QUEUE))).expect(ALLOW),
                row("AWS * grants a user without identity policy").as(BOB)
                        .resourcePolicy(doc(allowTo(aws("*"), "sqs:SendMessage", QUEUE))).expect(ALLOW),
                row("resource policy names someone else").as(BOB)
                        .resourcePolicy(doc(allowTo(aws(ALICE.arn()), "sqs:SendMessage", QUEUE)))
                        .expect(NO_IDENTITY_ALLOW),
                row("resource policy names the user by unique id").as(BOB)
                        .resourcePolicy(doc(allowTo(aws(BOB.userId()), "sqs:SendMessage", QUEUE))).expect(ALLOW),
                row("resource policy grants the user another action").as(BOB)
                        .resourcePolicy(doc(allowTo(aws(BOB.arn()), "sqs:ReceiveMessage", QUEUE)))
                        .expect(NO_IDENTITY_ALLOW),
                row("resource policy statement for another resource").as(BOB)
                        .resourcePolicy(doc(allowTo(aws(BOB.arn()), "sqs:SendMessage", OTHER_QUEUE)))
                        .expect(NO_IDENTITY_ALLOW),
                row("resource policy names a list of users").as(BOB)
                        .resourcePolicy(doc(allowTo(aws(ALICE.arn(), BOB.arn()), "sqs:*", QUEUE))).expect(ALLOW),
                row("role session, resource policy names the role").as(APP)
                        .resourcePolicy(doc(allowTo(aws(APP_ROLE), "sqs:SendMessage", QUEUE))).expect(ALLOW),
                row("role session, resource policy names the session").as(APP)
                        .resourcePolicy(doc(allowTo(aws(APP_SESSION), "sqs:SendMessage", QUEUE))).expect(ALLOW),
                row("role session, resource policy names the role's unique id").as(APP)
                        .resourcePolicy(doc(allowTo(aws("AROAAPP0000000000001"), "sqs:*", QUEUE))).expect(ALLOW),
                row("role session, resource policy names only the account").as(APP)
                        .resourcePolicy(doc(allowTo(aws(A), "sqs:SendMessage", QUEUE))).expect(NO_IDENTITY_ALLOW),
                row("role session with a role identity allow").as(APP).identity(ALLOW_SQS).expect(ALLOW),
                row("session policy narrower than the identity").as(withSessionPolicy(APP, RECEIVE_ONLY))
                        .identity(ALLOW_ALL).expect(NO_SESSION_ALLOW),
                row("session policy allows what the identity allows").as(withSessionPolicy(APP, RECEIVE_ONLY))
                        .does("sqs:ReceiveMessage").identity(ALLOW_ALL).expect(ALLOW),
                row("session policy allows, identity does not").as(withSessionPolicy(APP, ALLOW_ALL))
                        .identity(RECEIVE_ONLY).expect(NO_IDENTITY_ALLOW),
                row("session policy limits a grant to the role").as(withSessionPolicy(APP, RECEIVE_ONLY))
                        .resourcePolicy(doc(allowTo(aws(APP_ROLE), "sqs:SendMessage", QUEUE))).expect(NO_SESSION_ALLOW),
                row("session policy does not limit a grant to the session").as(withSessionPolicy(APP, RECEIVE_ONLY))
                        .resourcePolicy(doc(allowTo(aws(APP_SESSION), "sqs:SendMessage", QUEUE))).expect(ALLOW),
                row("session policy limits a grant to everyone (safer reading)")
                        .as(withSessionPolicy(APP, RECEIVE_ONLY))
                        .resourcePolicy(doc(allowTo("*", "sqs:SendMessage", QUEUE))).expect(NO_SESSION_ALLOW),
                row("a grant to the role within the session policy").as(withSessionPolicy(APP, RECEIVE_ONLY))
                        .does("sqs:ReceiveMessage")
                        .resourcePolicy(doc(allowTo(aws(APP_ROLE), "sqs:ReceiveMessage", QUEUE))).expect(ALLOW),
                row("federated user with a session policy").as(withSessionPolicy(FED, ALLOW_SQS)).identity(ALLOW_ALL)
                        .expect(ALLOW),
                row("federated user without a session policy has nothing").as(FED).identity(ALLOW_ALL)
                        .expect(NO_SESSION_ALLOW),
                row("federated user named by a resource policy").as(FED)
                        .resourcePolicy(doc(allowTo(aws(FED.arn()), "sqs:SendMessage", QUEUE))).expect(ALLOW),
                row("federated user's session policy narrower").as(withSessionPolicy(FED, RECEIVE_ONLY))
                        .identity(ALLOW_ALL).expect(NO_SESSION_ALLOW),
                row("a session policy that does not parse allows nothing")
                        .as(withSessionPolicy(APP, "{\"Statement\": 42}")).identity(ALLOW_ALL).expect(NO_SESSION_ALLOW),

                // cross account
                row("cross-account: identity allow, no resource policy").as(CAROL).identity(ALLOW_ALL)
                        .expect(NO_RESOURCE_ALLOW),
                row("cross-account: both allow").as(CAROL).identity(ALLOW_SQS)
                        .resourcePolicy(doc(allowTo(aws(CAROL.arn()), "sqs:SendMessage", QUEUE))).expect(ALLOW),
                row("cross-account: resource names the user, no identity allow").as(CAROL)
                        .resourcePolicy(doc(allowTo(aws(CAROL.arn()), "sqs:SendMessage", QUEUE)))
                        .expect(NO_IDENTITY_ALLOW),
                row("cross-account: resource names the other account").as(CAROL).identity(ALLOW_SQS)
                        .resourcePolicy(doc(allowTo(aws(B), "sqs:SendMessage", QUEUE))).expect(ALLOW),
                row("cross-account: resource names the other account's root ARN").as(CAROL).identity(ALLOW_SQS)
                        .resourcePolicy(doc(allowTo(aws("arn:aws:iam::222222222222:root"), "sqs:*", QUEUE)))
                        .expect(ALLOW),
                row("cross-account: resource grants everyone").as(CAROL).identity(ALLOW_SQS)
                        .resourcePolicy(doc(allowTo("*", "sqs:SendMessage", QUEUE))).expect(ALLOW),
                row("cross-account: resource names only its own account").as(CAROL).identity(ALLOW_SQS)
                        .resourcePolicy(doc(allowTo(aws(A), "sqs:SendMessage", QUEUE))).expect(NO_RESOURCE_ALLOW),
                row("cross-account: neither allows, the resource side is reported").as(CAROL)
                        .expect(NO_RESOURCE_ALLOW),
                row("cross-account: the other account's root").as(ROOT_B)
                        .resourcePolicy(doc(allowTo(aws(B), "sqs:SendMessage", QUEUE))).expect(ALLOW),
                row("cross-account: the other account's root without a grant").as(ROOT_B).expect(NO_RESOURCE_ALLOW),
                row("cross-account: a grant to a user does not cover its root").as(ROOT_B)
                        .resourcePolicy(doc(allowTo(aws(CAROL.arn()), "sqs:*", QUEUE))).expect(NO_RESOURCE_ALLOW),
                row("cross-account: role session, resource names the role").as(READER).identity(ALLOW_SQS)
                        .resourcePolicy(doc(allowTo(aws(READER_ROLE), "sqs:SendMessage", QUEUE))).expect(ALLOW),
                row("cross-account: role session, resource names the session").as(READER).identity(ALLOW_SQS)
                        .resourcePolicy(doc(allowTo(aws(READER_SESSION), "sqs:SendMessage", QUEUE))).expect(ALLOW),
                row("cross-account: session named, role has no identity allow").as(READER)
                        .resourcePolicy(doc(allowTo(aws(READER_SESSION), "sqs:SendMessage", QUEUE)))
                        .expect(NO_IDENTITY_ALLOW),
                row("cross-account: the session policy still limits").as(withSessionPolicy(READER, RECEIVE_ONLY))
                        .identity(ALLOW_SQS)
                        .resourcePolicy(doc(allowTo(aws(READER_SESSION), "sqs:SendMessage", QUEUE)))
                        .expect(NO_SESSION_ALLOW),
                row("cross-account: identity allows another resource only").as(CAROL)
                        .identity(doc(allow("sqs:*", QUEUE_B)))
                        .resourcePolicy(doc(allowTo(aws(B), "sqs:SendMessage", QUEUE))).expect(NO_IDENTITY_ALLOW),
                row("cross-account the other way round").on(QUEUE_B, B).identity(ALLOW_SQS)
                        .resourcePolicy(doc(allowTo(aws(ALICE.arn()), "sqs:SendMessage", QUEUE_B))).expect(ALLOW),
                row("cross-account: a resource deny among allows").as(CAROL).identity(ALLOW_SQS)
                        .resourcePolicy(doc(allowTo("*", "sqs:*", QUEUE), denyTo(aws(CAROL.arn()), "sqs:*", QUEUE)))
                        .expect(EXPLICIT_RESOURCE_DENY),
                row("cross-account: grant conditioned on aws:PrincipalAccount").as(CAROL).identity(ALLOW_SQS)
                        .resourcePolicy(doc(when(allowTo("*", "sqs:SendMessage", QUEUE),
                                condition("StringEquals", "aws:PrincipalAccount", B)))).expect(ALLOW),
                row("cross-account: grant of another action only").as(CAROL).identity(ALLOW_SQS)
                        .resourcePolicy(doc(allowTo(aws(B), "sqs:ReceiveMessage", QUEUE))).expect(NO_RESOURCE_ALLOW),

                // service principals
                row("service without a resource policy").as(SNS).expect(NO_RESOURCE_ALLOW),
                row("SNS to SQS: the topic is the source").as(SNS).resourcePolicy(SNS_TO_SQS)
                        .context("aws:SourceArn", TOPIC).expect(ALLOW),
                row("SNS to SQS: another topic is the source").as(SNS).resourcePolicy(SNS_TO_SQS)
                        .context("aws:SourceArn", OTHER_TOPIC).expect(NO_RESOURCE_ALLOW),
                row("SNS to SQS: no source").as(SNS).resourcePolicy(SNS_TO_SQS).expect(NO_RESOURCE_ALLOW),
                row("service names compare case-insensitively").as(SNS)
                        .resourcePolicy(doc(allowTo(service("SNS.amazonaws.com"), "sqs:SendMessage", QUEUE)))
                        .expect(ALLOW),
                row("another service is named").as(SNS)
                        .resourcePolicy(doc(allowTo(service("events.amazonaws.com"), "sqs:SendMessage", QUEUE)))
                        .expect(NO_RESOURCE_ALLOW),
                row("console-written subscription policy: AWS * with ArnLike source").as(SNS)
                        .resourcePolicy(doc(when(allowTo(aws("*"), "SQS:SendMessage", QUEUE),
                                condition("ArnLike", "aws:SourceArn", "arn:aws:sns:us-east-1:111111111111:*"))))
                        .context("aws:SourceArn", TOPIC).expect(ALLOW),
                row("Principal * admits a service").as(SNS).resourcePolicy(doc(allowTo("*", "sqs:*", QUEUE)))
                        .expect(ALLOW),
                row("identity policies do not apply to a service").as(SNS).identity(ALLOW_ALL)
                        .expect(NO_RESOURCE_ALLOW),
                row("service denied by name").as(SNS)
                        .resourcePolicy(doc(allowTo("*", "sqs:*", QUEUE),
                                denyTo(service("sns.amazonaws.com"), "sqs:*", QUEUE)))
                        .expect(EXPLICIT_RESOURCE_DENY),
                row("an account grant does not admit a service").as(SNS)
                        .resourcePolicy(doc(allowTo(aws(A), "sqs:*", QUEUE))).expect(NO_RESOURCE_ALLOW),
                row("service conditioned on aws:SourceAccount").as(SNS)
                        .resourcePolicy(doc(when(allowTo(service("sns.amazonaws.com"), "sqs:SendMessage", QUEUE),
                                condition("StringEquals", "aws:SourceAccount", A))))
                        .context("aws:SourceAccount", A).expect(ALLOW),
                row("service conditioned on aws:PrincipalServiceName").as(SNS)
                        .resourcePolicy(doc(when(allowTo("*", "sqs:SendMessage", QUEUE),
                                condition("StringEquals", "aws:PrincipalServiceName", "sns.amazonaws.com"))))
                        .expect(ALLOW),
                row("service conditioned on aws:PrincipalIsAWSService").as(SNS)
                        .resourcePolicy(doc(when(allowTo("*", "sqs:SendMessage", QUEUE),
                                condition("Bool", "aws:PrincipalIsAWSService", "true")))).expect(ALLOW),
                row("user fails aws:PrincipalIsAWSService").as(BOB)
                        .resourcePolicy(doc(when(allowTo("*", "sqs:SendMessage", QUEUE),
                                condition("Bool", "aws:PrincipalIsAWSService", "true")))).expect(NO_IDENTITY_ALLOW),
                row("ArnEquals with a wildcard region").as(SNS)
                        .resourcePolicy(doc(when(allowTo(service("sns.amazonaws.com"), "sqs:SendMessage", QUEUE),
                                condition("ArnEquals", "aws:SourceArn", "arn:aws:sns:*:111111111111:events"))))
                        .context("aws:SourceArn", TOPIC).expect(ALLOW),

                // the default SNS topic policy
                row("default topic policy: an account user publishes").as(BOB).does("sns:Publish").on(TOPIC, A)
                        .resourcePolicy(DEFAULT_TOPIC_POLICY).context("AWS:SourceOwner", A).expect(ALLOW),
                row("default topic policy: no source owner").as(BOB).does("sns:Publish").on(TOPIC, A)
                        .resourcePolicy(DEFAULT_TOPIC_POLICY).expect(NO_IDENTITY_ALLOW),
                row("default topic policy: key names compare case-insensitively").as(BOB).does("sns:publish")
                        .on(TOPIC, A).resourcePolicy(DEFAULT_TOPIC_POLICY).context("aws:sourceowner", A)
                        .expect(ALLOW),
                row("default topic policy: another account's owner").as(CAROL).does("sns:Publish").on(TOPIC, A)
                        .identity(ALLOW_ALL).resourcePolicy(DEFAULT_TOPIC_POLICY).context("AWS:SourceOwner", B)
                        .expect(NO_RESOURCE_ALLOW),
                row("default topic policy: an action it does not list").as(BOB).does("sns:TagResource").on(TOPIC, A)
                        .resourcePolicy(DEFAULT_TOPIC_POLICY).context("AWS:SourceOwner", A).expect(NO_IDENTITY_ALLOW),
                row("default topic policy: a service with the owner").as(SNS).does("sns:Publish").on(TOPIC, A)
                        .resourcePolicy(DEFAULT_TOPIC_POLICY).context("AWS:SourceOwner", A).expect(ALLOW),

                // anonymous
                row("anonymous without a resource policy").as(ANONYMOUS).expect(NO_RESOURCE_ALLOW),
                row("anonymous with Principal *").as(ANONYMOUS).resourcePolicy(doc(allowTo("*", "sqs:*", QUEUE)))
                        .expect(ALLOW),
                row("anonymous with AWS *").as(ANONYMOUS).resourcePolicy(doc(allowTo(aws("*"), "sqs:*", QUEUE)))
                        .expect(ALLOW),
                row("anonymous with an account grant").as(ANONYMOUS)
                        .resourcePolicy(doc(allowTo(aws(A), "sqs:*", QUEUE))).expect(NO_RESOURCE_ALLOW),
                row("anonymous: aws:PrincipalAccount is 'anonymous'").as(ANONYMOUS)
                        .resourcePolicy(doc(when(allowTo("*", "sqs:*", QUEUE),
                                condition("StringEquals", "aws:PrincipalAccount", "anonymous")))).expect(ALLOW),
                row("anonymous over plain HTTP").as(ANONYMOUS)
                        .resourcePolicy(doc(when(allowTo("*", "sqs:*", QUEUE),
                                condition("Bool", "aws:SecureTransport", "true"))))
                        .context("aws:SecureTransport", "false").expect(NO_RESOURCE_ALLOW),
                row("anonymous denied by *").as(ANONYMOUS)
                        .resourcePolicy(doc(allowTo("*", "sqs:*", QUEUE), denyTo("*", "sqs:SendMessage", QUEUE)))
                        .expect(EXPLICIT_RESOURCE_DENY),

                // NotAction, NotResource, NotPrincipal, resource-less actions
                row("allow with NotAction").identity(doc("{\"Effect\":\"Allow\",\"NotAction\":\"sqs:DeleteQueue\","
                        + "\"Resource\":\"*\"}")).expect(ALLOW),
                row("allow with NotAction excluding the action").identity(doc("{\"Effect\":\"Allow\","
                        + "\"NotAction\":\"sqs:*\",\"Resource\":\"*\"}")).expect(NO_IDENTITY_ALLOW),
                row("allow with NotResource").identity(doc("{\"Effect\":\"Allow\",\"Action\":\"sqs:*\","
                        + "\"NotResource\":\"" + OTHER_QUEUE + "\"}")).expect(ALLOW),
                row("allow with NotResource excluding the queue").identity(doc("{\"Effect\":\"Allow\","
                        + "\"Action\":\"sqs:*\",\"NotResource\":\"" + QUEUE + "\"}")).expect(NO_IDENTITY_ALLOW),
                row("deny with NotResource").identity(ALLOW_ALL, doc("{\"Effect\":\"Deny\",\"Action\":\"sqs:*\","
                        + "\"NotResource\":\"" + OTHER_QUEUE + "\"}")).expect(EXPLICIT_IDENTITY_DENY),
                row("action without resource, Resource *").does("sqs:ListQueues").on("*", null)
                        .identity(doc(allow("sqs:ListQueues", "*"))).expect(ALLOW),
                row("action without resource, an ARN pattern does not match it").does("sqs:ListQueues").on("*", null)
                        .identity(doc(allow("sqs:ListQueues", "arn:aws:sqs:*"))).expect(NO_IDENTITY_ALLOW),
                row("action without resource, a NotResource deny applies").does("sqs:ListQueues").on("*", null)
                        .identity(ALLOW_ALL, doc("{\"Effect\":\"Deny\",\"Action\":\"sqs:*\",\"NotResource\":\""
                                + QUEUE + "\"}")).expect(EXPLICIT_IDENTITY_DENY),
                row("NotPrincipal deny spares a user listed with its account").as(BOB).identity(ALLOW_SQS)
                        .resourcePolicy(doc(notPrincipal("Deny", aws(BOB.arn(), "arn:aws:iam::111111111111:root"))))
                        .expect(ALLOW),
                row("NotPrincipal deny without the account denies the user too").as(BOB).identity(ALLOW_SQS)
                        .resourcePolicy(doc(notPrincipal("Deny", aws(BOB.arn())))).expect(EXPLICIT_RESOURCE_DENY),
                row("NotPrincipal deny applies to users not listed").identity(ALLOW_SQS)
                        .resourcePolicy(doc(notPrincipal("Deny", aws(BOB.arn(), "arn:aws:iam::111111111111:root"))))
                        .expect(EXPLICIT_RESOURCE_DENY),
                row("NotPrincipal deny spares a session listed with role and account").as(APP).identity(ALLOW_SQS)
                        .resourcePolicy(doc(notPrincipal("Deny", aws(APP_SESSION, APP_ROLE, A)))).expect(ALLOW),
                row("NotPrincipal deny without the session denies it").as(APP).identity(ALLOW_SQS)
                        .resourcePolicy(doc(notPrincipal("Deny", aws(APP_ROLE, A)))).expect(EXPLICIT_RESOURCE_DENY),
                row("NotPrincipal deny of AWS * denies no one").as(BOB).identity(ALLOW_SQS)
                        .resourcePolicy(doc(notPrincipal("Deny", aws("*")))).expect(ALLOW),
                row("NotPrincipal deny spares the listed root").as(ROOT_A)
                        .resourcePolicy(doc(notPrincipal("Deny", aws(A)))).expect(ALLOW),
                row("NotPrincipal deny, cross-account user listed with its account").as(CAROL).identity(ALLOW_SQS)
                        .resourcePolicy(doc(notPrincipal("Deny", aws(CAROL.arn(), B)),
                                allowTo(aws(B), "sqs:*", QUEUE))).expect(ALLOW),
                row("NotPrincipal allow grants those not listed").as(BOB)
                        .resourcePolicy(doc(notPrincipal("Allow", aws(ALICE.arn())))).expect(ALLOW),
                row("NotPrincipal allow does not grant the listed user").as(ALICE)
                        .resourcePolicy(doc(notPrincipal("Allow", aws(ALICE.arn())))).expect(NO_IDENTITY_ALLOW),
                row("NotPrincipal allow listing the account grants none of its users").as(BOB)
                        .resourcePolicy(doc(notPrincipal("Allow", aws(A)))).expect(NO_IDENTITY_ALLOW),
                row("NotPrincipal deny of all but SNS spares SNS").as(SNS)
                        .resourcePolicy(doc(notPrincipal("Deny", service("sns.amazonaws.com")),
                                allowTo(service("sns.amazonaws.com"), "sqs:*", QUEUE))).expect(ALLOW),
                row("NotPrincipal deny of all but SNS denies anonymous").as(ANONYMOUS)
                        .resourcePolicy(doc(notPrincipal("Deny", service("sns.amazonaws.com")),
                                allowTo("*", "sqs:*", QUEUE))).expect(EXPLICIT_RESOURCE_DENY),

                // trust policies and key policies must name the caller
                row("AssumeRole: trust names the account, identity allows").as(BOB).does("sts:AssumeRole")
                        .on(APP_ROLE, A).identity(doc(allow("sts:AssumeRole", "*")))
                        .resourcePolicy(trust(aws(A))).expect(ALLOW),
                row("AssumeRole: trust names the account, no identity allow").as(BOB).does("sts:AssumeRole")
                        .on(APP_ROLE, A).resourcePolicy(trust(aws(A))).expect(NO_IDENTITY_ALLOW),
                row("AssumeRole: trust names the user").as(BOB).does("sts:AssumeRole").on(APP_ROLE, A)
                        .resourcePolicy(trust(aws(BOB.arn()))).expect(ALLOW),
                row("AssumeRole: trust does not name the caller").as(BOB).does("sts:AssumeRole").on(APP_ROLE, A)
                        .identity(ALLOW_ALL).resourcePolicy(trust(aws(CAROL.arn()))).expect(NO_RESOURCE_ALLOW),
                row("AssumeRole across accounts").as(CAROL).does("sts:AssumeRole").on(APP_ROLE, A)
                        .identity(doc(allow("sts:AssumeRole", APP_ROLE))).resourcePolicy(trust(aws(B)))
                        .expect(ALLOW),
                row("AssumeRole by a service").as(EC2).does("sts:AssumeRole").on(APP_ROLE, A)
                        .resourcePolicy(trust(service("ec2.amazonaws.com"))).expect(ALLOW),
                row("AssumeRoleWithWebIdentity by the named provider").as(WEB).does("sts:AssumeRoleWithWebIdentity")
                        .on(APP_ROLE, A).resourcePolicy(trust("{\"Federated\":\"cognito-identity.amazonaws.com\"}"))
                        .expect(ALLOW),
                row("AssumeRoleWithWebIdentity by another provider").as(WEB).does("sts:AssumeRoleWithWebIdentity")
                        .on(APP_ROLE, A)
                        .resourcePolicy(trust("{\"Federated\":\"arn:aws:iam::111111111111:oidc-provider/x.example\"}"))
                        .expect(NO_RESOURCE_ALLOW),
                row("KMS: key policy delegates to the account, identity allows").as(BOB).does("kms:Decrypt")
                        .on(KEY, A).identity(doc(allow("kms:Decrypt", "*")))
                        .resourcePolicy(doc(allowTo(aws("arn:aws:iam::111111111111:root"), "kms:*", "*")))
                        .expect(ALLOW),
                row("KMS: key policy names someone else").as(BOB).does("kms:Decrypt").on(KEY, A).identity(ALLOW_ALL)
                        .resourcePolicy(doc(allowTo(aws(CAROL.arn()), "kms:*", "*"))).expect(NO_RESOURCE_ALLOW),
                row("KMS: actions without a key need no key policy").as(BOB).does("kms:ListKeys").on("*", null)
                        .identity(ALLOW_ALL).expect(ALLOW),
                row("KMS: an alias has no key policy, IAM decides").as(BOB).does("kms:CreateAlias")
                        .on("arn:aws:kms:us-east-1:111111111111:alias/app", A).identity(ALLOW_ALL).expect(ALLOW),
                row("KMS: an alias without an identity allow").as(BOB).does("kms:CreateAlias")
                        .on("arn:aws:kms:us-east-1:111111111111:alias/app", A).expect(NO_IDENTITY_ALLOW),

                // fail-closed and odd inputs
                row("a resource policy that does not parse denies").identity(ALLOW_ALL)
                        .resourcePolicy("{\"Statement\":").expect(EXPLICIT_RESOURCE_DENY),
                row("a resource policy that does not parse spares the owner's root").as(ROOT_A)
                        .resourcePolicy("{\"Statement\":").expect(ALLOW),
                row("an empty resource policy is no policy").identity(ALLOW_SQS).resourcePolicy("").expect(ALLOW),
                row("a resource-less action counts as the principal's account").as(CAROL).does("sqs:ListQueues")
                        .on("*", null).identity(ALLOW_SQS).expect(ALLOW),
                row("a leniently read statement without Principal allows no one").as(BOB)
                        .resourcePolicy(doc(allow("sqs:*", QUEUE))).expect(NO_IDENTITY_ALLOW),
                row("a leniently read statement without Principal denies everyone").identity(ALLOW_ALL)
                        .resourcePolicy(doc(deny("sqs:*", QUEUE))).expect(EXPLICIT_RESOURCE_DENY)
        );
    }

    private static String notPrincipal(String effect, String principal) {
        return "{\"Effect\":\"" + effect + "\",\"NotPrincipal\":" + principal + ",\"Action\":\"sqs:*\","
                + "\"Resource\":\"" + QUEUE + "\"}";
    }

    private static String trust(String principal) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":" + principal
                + ",\"Action\":[\"sts:AssumeRole\",\"sts:AssumeRoleWithWebIdentity\"]}]}";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decides(EvaluationCase row) {
        assertThat(row.evaluate(EVALUATOR)).isEqualTo(row.expected());
    }
}
