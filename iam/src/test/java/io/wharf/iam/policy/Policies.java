package io.wharf.iam.policy;

import io.wharf.protocol.auth.Principal;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/** Small builders for policy JSON and the principals the tests use (accounts A = 1111…, B = 2222…). */
final class Policies {
    static final String A = "111111111111";
    static final String B = "222222222222";
    static final String QUEUE = "arn:aws:sqs:us-east-1:111111111111:orders";
    static final String OTHER_QUEUE = "arn:aws:sqs:us-east-1:111111111111:payments";
    static final String QUEUE_B = "arn:aws:sqs:us-east-1:222222222222:inbox";
    static final String TOPIC = "arn:aws:sns:us-east-1:111111111111:events";
    static final String OTHER_TOPIC = "arn:aws:sns:us-east-1:111111111111:audit";
    static final String APP_ROLE = "arn:aws:iam::111111111111:role/app";
    static final String APP_SESSION = "arn:aws:sts::111111111111:assumed-role/app/s1";
    static final String READER_ROLE = "arn:aws:iam::222222222222:role/reader";
    static final String READER_SESSION = "arn:aws:sts::222222222222:assumed-role/reader/r1";
    static final String KEY = "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    static final Principal ROOT_A = Principal.root(A, "AKIAROOTA");
    static final Principal ROOT_B = Principal.root(B, "AKIAROOTB");
    static final Principal ALICE = new Principal(Principal.Type.USER, A, "arn:aws:iam::111111111111:user/alice",
            "AIDAALICE00000000001", "alice", "AKIAALICE", null, null, Map.of("team", "blue", "dept", "eng"));
    static final Principal BOB = new Principal(Principal.Type.USER, A, "arn:aws:iam::111111111111:user/bob",
            "AIDABOB0000000000002", "bob", "AKIABOB", null, null, Map.of());
    static final Principal CAROL = new Principal(Principal.Type.USER, B, "arn:aws:iam::222222222222:user/carol",
            "AIDACAROL00000000003", "carol", "AKIACAROL", null, null, Map.of());
    static final Principal APP = new Principal(Principal.Type.ASSUMED_ROLE, A, APP_SESSION,
            "AROAAPP0000000000001:s1", "s1", "ASIAAPP", APP_ROLE, null, Map.of("team", "green"));
    static final Principal READER = new Principal(Principal.Type.ASSUMED_ROLE, B, READER_SESSION,
            "AROAREADER0000000001:r1", "r1", "ASIAREADER", READER_ROLE, null, Map.of());
    static final Principal FED = new Principal(Principal.Type.FEDERATED_USER, A,
            "arn:aws:sts::111111111111:federated-user/fed", "111111111111:fed", "fed", "ASIAFED", null, null,
            Map.of());
    static final Principal SNS = Principal.service("sns.amazonaws.com");
    static final Principal EC2 = Principal.service("ec2.amazonaws.com");
    static final Principal ANONYMOUS = Principal.anonymous();
    static final Principal WEB = new Principal(Principal.Type.FEDERATED_USER, null, "cognito-identity.amazonaws.com",
            "web-user", null, null, null, null, Map.of());

    private Policies() {
    }

    /** The same principal carrying a session policy. */
    static Principal withSessionPolicy(Principal p, String sessionPolicy) {
        return new Principal(p.type(), p.accountId(), p.arn(), p.userId(), p.name(), p.accessKeyId(), p.roleArn(),
                sessionPolicy, p.tags());
    }

    static String doc(String... statements) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements) + "]}";
    }

    static String doc2008(String... statements) {
        return "{\"Version\":\"2008-10-17\",\"Statement\":[" + String.join(",", statements) + "]}";
    }

    static String docWithoutVersion(String... statements) {
        return "{\"Statement\":[" + String.join(",", statements) + "]}";
    }

    /** A JSON value: raw when it already is JSON (list, object, true/false), else a quoted string. */
    static String json(String value) {
        if (value.startsWith("[") || value.startsWith("{") || value.equals("true") || value.equals("false")) {
            return value;
        }
        return "\"" + value + "\"";
    }

    static String list(String... values) {
        return Arrays.stream(values).map(Policies::json).collect(Collectors.joining(",", "[", "]"));
    }

    static String statement(String effect, String action, String resource) {
        return "{\"Effect\":\"" + effect + "\",\"Action\":" + json(action) + ",\"Resource\":" + json(resource) + "}";
    }

    static String allow(String action, String resource) {
        return statement("Allow", action, resource);
    }

    static String deny(String action, String resource) {
        return statement("Deny", action, resource);
    }

    static String allowTo(String principal, String action, String resource) {
        return "{\"Effect\":\"Allow\",\"Principal\":" + json(principal) + ",\"Action\":" + json(action)
                + ",\"Resource\":" + json(resource) + "}";
    }

    static String denyTo(String principal, String action, String resource) {
        return "{\"Effect\":\"Deny\",\"Principal\":" + json(principal) + ",\"Action\":" + json(action)
                + ",\"Resource\":" + json(resource) + "}";
    }

    /** {@code {"AWS": id}} or {@code {"AWS": [ids]}}. */
    static String aws(String... ids) {
        return "{\"AWS\":" + (ids.length == 1 ? json(ids[0]) : list(ids)) + "}";
    }

    static String service(String name) {
        return "{\"Service\":\"" + name + "\"}";
    }

    /** The statement with a Condition block added. */
    static String when(String statement, String condition) {
        return statement.substring(0, statement.length() - 1) + ",\"Condition\":" + condition + "}";
    }

    /** {@code {"operator": {"key": value-or-list}}}. */
    static String condition(String operator, String key, String... values) {
        return "{\"" + operator + "\":{\"" + key + "\":" + (values.length == 1 ? json(values[0]) : list(values))
                + "}}";
    }
}
