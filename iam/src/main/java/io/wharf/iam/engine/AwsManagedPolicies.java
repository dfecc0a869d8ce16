package io.wharf.iam.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The AWS managed policies Wharf knows ({@code arn:aws:iam::aws:policy/…}): the few that matter for the services it
 * serves, each with a small document granting what AWS documents the policy to grant for those services (AWS's own
 * documents cover every service and run to thousands of lines). Built in, never stored; attachments to them are stored
 * with the entities like any other.
 */
final class AwsManagedPolicies {
    private static final Map<String, ManagedPolicyState> POLICIES = new LinkedHashMap<>();

    static {
        add("AdministratorAccess", "Provides full access to AWS services and resources.",
                statement("\"*\""));
        add("ReadOnlyAccess", "Provides read-only access to AWS services and resources.",
                statement("[\"iam:Get*\",\"iam:List*\",\"iam:GenerateCredentialReport\",\"iam:Simulate*\","
                        + "\"sqs:GetQueueAttributes\",\"sqs:GetQueueUrl\",\"sqs:ListDeadLetterSourceQueues\","
                        + "\"sqs:ListQueues\",\"sqs:ListQueueTags\",\"sqs:ListMessageMoveTasks\","
                        + "\"sns:CheckIfPhoneNumberIsOptedOut\",\"sns:Get*\",\"sns:List*\","
                        + "\"kinesis:Describe*\",\"kinesis:Get*\",\"kinesis:List*\","
                        + "\"sts:GetCallerIdentity\",\"sts:GetAccessKeyInfo\"]"));
        add("AmazonSQSFullAccess", "Provides full access to Amazon SQS via the AWS Management Console.",
                statement("\"sqs:*\""));
        add("AmazonSNSFullAccess", "Provides full access to Amazon SNS via the AWS Management Console.",
                statement("\"sns:*\""));
        add("AmazonKinesisFullAccess", "Provides full access to all streams via the AWS Management Console.",
                statement("\"kinesis:*\""));
    }

    private AwsManagedPolicies() {
    }

    private static String statement(String action) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":" + action
                + ",\"Resource\":\"*\"}]}";
    }

    private static void add(String name, String description, String document) {
        Instant created = Instant.parse("2015-02-06T18:39:46Z");
        ManagedPolicyState policy = new ManagedPolicyState(Arns.AWS_ACCOUNT, stableId(name), name, "/", description,
                created);
        policy.versions.put("v1", new ManagedPolicyState.VersionState("v1", PolicyText.trusted(document), created));
        policy.defaultVersionId = "v1";
        policy.nextVersion = 2;
        POLICIES.put(policy.arn(), policy);
    }

    /** The same ANPA… id at every start, derived from the name. */
    private static String stableId(String name) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            StringBuilder id = new StringBuilder("ANPA");
            for (int i = 0; i < 17; i++) {
                id.append("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".charAt(hash[i] & 31));
            }
            return id.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static ManagedPolicyState get(String arn) {
        return POLICIES.get(arn);
    }

    static Collection<ManagedPolicyState> all() {
        return POLICIES.values();
    }
}
