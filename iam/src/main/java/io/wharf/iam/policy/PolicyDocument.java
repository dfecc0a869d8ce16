package io.wharf.iam.policy;

import java.util.List;

/**
 * A parsed, validated policy document (identity policy, resource policy, trust policy or session policy).
 * Immutable and safe to share; parse once, evaluate many times: every wildcard, condition value, CIDR and date is
 * compiled here, none at evaluation.
 *
 * <p>Which rules apply depends on the {@link Kind} of policy, as IAM's {@code MalformedPolicyDocument} messages show
 * them: an identity policy must not name a principal, a resource-based policy must, a trust policy must and may not
 * name resources. {@link #parse(String)} validates an identity policy (the IAM engine's common case).
 */
public final class PolicyDocument {

    /** The kind of policy a document is validated as. */
    public enum Kind {
        /**
         * An inline identity policy of a user, group or role, or a session policy: no Principal/NotPrincipal
         * ("Policy document should not specify a principal."), every statement names resources, Version may be
         * absent or {@code 2008-10-17}.
         */
        IDENTITY,
        /** A managed policy (CreatePolicy, CreatePolicyVersion): as {@link #IDENTITY}, and Version must be
         * {@code 2012-10-17} ("Policy document must be version 2012-10-17 or greater."). */
        MANAGED,
        /** A resource-based policy (queue, topic, stream policy): every statement names a Principal or NotPrincipal. */
        RESOURCE,
        /** A role trust policy: names a Principal, names no Resource ("Has prohibited field Resource"). */
        TRUST,
        /**
         * Structure only (JSON shape, known elements and operators), no kind-specific or format rules: how the
         * evaluator reads policies that the owning service already validated when they were set.
         */
        ANY
    }

    /** The Version that turns on policy variables. */
    public static final String VERSION_2012 = "2012-10-17";
    /** The older Version, in which {@code ${…}} is literal text. */
    public static final String VERSION_2008 = "2008-10-17";

    private final String json;
    private final Kind kind;
    private final String version;
    private final String id;
    private final List<Statement> statements;

    PolicyDocument(String json, Kind kind, String version, String id, List<Statement> statements) {
        this.json = json;
        this.kind = kind;
        this.version = version;
        this.id = id;
        this.statements = List.copyOf(statements);
    }

    /**
     * Parses and validates an identity policy as IAM does ({@link Kind#IDENTITY}).
     *
     * @throws MalformedPolicyException with IAM's message when the document is not a valid policy
     */
    public static PolicyDocument parse(String json) {
        return parse(json, Kind.IDENTITY);
    }

    /**
     * Parses and validates a policy of the given kind.
     *
     * @throws MalformedPolicyException with IAM's message when the document is not a valid policy of that kind
     */
    public static PolicyDocument parse(String json, Kind kind) {
        return PolicyParser.parse(json, kind);
    }

    /** An inline identity policy or a session policy. */
    public static PolicyDocument parseIdentityPolicy(String json) {
        return parse(json, Kind.IDENTITY);
    }

    /** A managed policy's document (Version 2012-10-17 required). */
    public static PolicyDocument parseManagedPolicy(String json) {
        return parse(json, Kind.MANAGED);
    }

    /** A resource-based policy (SQS queue, SNS topic, Kinesis stream). */
    public static PolicyDocument parseResourcePolicy(String json) {
        return parse(json, Kind.RESOURCE);
    }

    /** A role's trust policy (AssumeRolePolicyDocument). */
    public static PolicyDocument parseTrustPolicy(String json) {
        return parse(json, Kind.TRUST);
    }

    /** The document as it was given. */
    public String json() {
        return json;
    }

    public Kind kind() {
        return kind;
    }

    /** The Version element, or null when the document has none. */
    public String version() {
        return version;
    }

    /** The Id element, or null. */
    public String id() {
        return id;
    }

    /** How many statements the document has. */
    public int statementCount() {
        return statements.size();
    }

    List<Statement> statements() {
        return statements;
    }

    @Override
    public String toString() {
        return json;
    }
}
