package io.wharf.iam.engine;

import io.wharf.iam.IamErrors;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** IAM's ARNs: {@code arn:aws:iam::<account>:<user|group|role|policy><path><name>}; the path starts and ends with /. */
public final class Arns {
    /** "aws" owns the AWS managed policies: {@code arn:aws:iam::aws:policy/AdministratorAccess}. */
    public static final String AWS_ACCOUNT = "aws";
    private static final Pattern IAM = Pattern.compile("arn:aws:iam::(\\d{12}|aws):(user|group|role|policy)(/.*)");

    private Arns() {
    }

    /** An ARN parsed: the owning account, the kind word, the path and the name. */
    public record Parsed(String accountId, String kind, String path, String name) {
    }

    static String entity(String accountId, EntityKind kind, String path, String name) {
        return "arn:aws:iam::" + accountId + ":" + kind.word() + path + name;
    }

    static String policy(String accountId, String path, String name) {
        return "arn:aws:iam::" + accountId + ":policy" + path + name;
    }

    /** The parts of an IAM user/group/role/policy ARN, or null when {@code arn} is not one. */
    public static Parsed parse(String arn) {
        Matcher m = arn == null ? null : IAM.matcher(arn);
        if (m == null || !m.matches()) {
            return null;
        }
        String rest = m.group(3);
        int slash = rest.lastIndexOf('/');
        String name = rest.substring(slash + 1);
        if (name.isEmpty()) {
            return null;
        }
        return new Parsed(m.group(1), m.group(2), rest.substring(0, slash + 1), name);
    }

    /**
     * A managed policy's ARN parsed.
     *
     * @throws io.wharf.protocol.AwsException ValidationError "ARN X is not valid." when it is not a policy ARN
     */
    static Parsed policy(String arn) {
        Parsed parsed = parse(arn);
        if (parsed == null || !parsed.kind().equals("policy")) {
            throw IamErrors.validation("ARN " + arn + " is not valid.");
        }
        return parsed;
    }
}
