package io.wharf.iam.engine;

/**
 * IAM's quotas in one place, with AWS's default values (IAM User Guide, "IAM and AWS STS quotas"). Policy sizes count
 * characters without whitespace, as IAM does.
 */
public record IamLimits(int usersPerAccount, int groupsPerAccount, int rolesPerAccount, int policiesPerAccount,
                        int accessKeysPerUser, int groupsPerUser, int attachedPoliciesPerEntity,
                        int versionsPerPolicy, int tagsPerEntity, int userInlinePolicyChars,
                        int groupInlinePolicyChars, int roleInlinePolicyChars, int managedPolicyChars,
                        int trustPolicyChars, int sessionPolicyChars) {

    public static final IamLimits AWS = new IamLimits(5000, 300, 1000, 1500, 2, 10, 10, 5, 50, 2048, 5120, 10240,
            6144, 2048, 2048);

    /** The aggregate size of inline policies an entity of {@code kind} may hold. */
    int inlinePolicyChars(EntityKind kind) {
        return switch (kind) {
            case USER -> userInlinePolicyChars;
            case GROUP -> groupInlinePolicyChars;
            case ROLE -> roleInlinePolicyChars;
        };
    }

    /** How IAM measures a policy against its size quotas: characters other than whitespace. */
    static int policySize(String json) {
        int size = 0;
        for (int i = 0; i < json.length(); i++) {
            if (!Character.isWhitespace(json.charAt(i))) {
                size++;
            }
        }
        return size;
    }
}
