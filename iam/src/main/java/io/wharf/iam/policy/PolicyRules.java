package io.wharf.iam.policy;

import io.wharf.iam.policy.PolicyDocument.Kind;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static io.wharf.iam.policy.PolicyParser.malformed;

/**
 * IAM's rules beyond JSON syntax, with its MalformedPolicyDocument messages, in IAM's order (as moto's and LocalStack's
 * validators reproduce it from observing IAM): the kind's rules about principals, the Version a managed policy
 * needs, the legacy parser (Effect's case, dates, empty ARN segments), unique and alphanumeric Sids, actions present,
 * resource formats, action vendors, resources present (or, in a trust policy, STS actions only and no resources),
 * and finally the principals' format. Messages IAM does not document and no observer recorded are marked so.
 */
final class PolicyRules {
    static final String SYNTAX = "Syntax errors in policy.";
    static final String PRINCIPAL_NOT_ALLOWED = "Policy document should not specify a principal.";
    /** As S3 words it for bucket policies; Wharf uses it for every resource-based and trust policy. */
    static final String MISSING_PRINCIPAL = "Missing required field Principal";
    /** As S3 words it; identity policies without Effect get IAM's {@link #SYNTAX} instead. */
    static final String MISSING_EFFECT = "Missing required field Effect";
    static final String PROHIBITED_RESOURCE = "Has prohibited field Resource";
    /** Wharf's wording: AWS documents that a trust policy cannot use NotPrincipal, not its message. */
    static final String PROHIBITED_NOT_PRINCIPAL = "Has prohibited field NotPrincipal";
    static final String VERSION_REQUIRED = "Policy document must be version 2012-10-17 or greater.";
    static final String LEGACY = "The policy failed legacy parsing";
    static final String DUPLICATE_SID = "Statement IDs (SID) in a single policy must be unique.";
    static final String SID_FORMAT = "Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the "
            + "regular expression [0-9A-Za-z]*";
    static final String MISSING_ACTIONS = "Policy statement must contain actions.";
    static final String MISSING_RESOURCES = "Policy statement must contain resources.";
    static final String NO_VENDOR = "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.";
    static final String TWO_COLONS = "Actions/Condition can contain only one colon.";
    /** As S3 words it; resource-based policies get it where IAM would name the vendor problem. */
    static final String INVALID_ACTION = "Policy has invalid action";
    /** IAM adds {@code : "AWS":"value"}, naming the offending principal. */
    static final String INVALID_PRINCIPAL = "Invalid principal in policy";
    /** LocalStack's record of IAM's wording (double space included); Wharf accepts any {@code sts:} action. */
    static final String TRUST_ACTIONS = "Trust Policy statement actions can only be sts:AssumeRole, "
            + "sts:AssumeRoleWithSAML,  and sts:AssumeRoleWithWebIdentity";

    private static final Set<String> PRINCIPAL_TYPES = Set.of("AWS", "Service", "Federated", "CanonicalUser");

    private PolicyRules() {
    }

    static void checkKind(List<RawStatement> raws, Kind kind) {
        for (RawStatement raw : raws) {
            switch (kind) {
                case IDENTITY, MANAGED -> {
                    if (raw.principalElement() != null) {
                        throw malformed(PRINCIPAL_NOT_ALLOWED);
                    }
                }
                case TRUST -> {
                    if ("NotPrincipal".equals(raw.principalElement())) {
                        throw malformed(PROHIBITED_NOT_PRINCIPAL);
                    }
                    if (raw.principalElement() == null) {
                        throw malformed(MISSING_PRINCIPAL);
                    }
                }
                case RESOURCE -> {
                    if (raw.principalElement() == null) {
                        throw malformed(MISSING_PRINCIPAL);
                    }
                }
                case ANY -> {
                }
            }
        }
    }

    static void checkIam(List<RawStatement> raws, Kind kind) {
        for (RawStatement raw : raws) {
            if (!raw.effect().equals("Allow") && !raw.effect().equals("Deny")) {
                throw malformed(LEGACY);
            }
            for (RawStatement.RawCondition condition : raw.conditions()) {
                if (condition.operator().type() == ConditionOperator.Type.DATE) {
                    for (String value : condition.values()) {
                        if (PolicyDates.parse(value) == null) {
                            throw malformed(LEGACY);
                        }
                    }
                }
            }
        }
        String resourceError = null;
        for (String element : List.of("Resource", "NotResource")) {
            for (RawStatement raw : raws) {
                if (!element.equals(raw.resourceElement())) {
                    continue;
                }
                List<String> ordered = new ArrayList<>(raw.resources());
                ordered.sort(Comparator.reverseOrder());
                for (String resource : ordered) {
                    String problem = ResourceFormat.problem(resource);
                    if (problem != null) {
                        resourceError = problem;
                    }
                }
                if (resourceError == null && !raw.resources().stream().allMatch(ResourceFormat::legacyParses)) {
                    throw malformed(LEGACY);
                }
            }
        }
        Set<String> sids = new HashSet<>();
        for (RawStatement raw : raws) {
            if (raw.sid() != null && !raw.sid().isEmpty() && !sids.add(raw.sid())) {
                throw malformed(DUPLICATE_SID);
            }
        }
        if (kind != Kind.RESOURCE) {
            for (RawStatement raw : raws) {
                if (raw.sid() != null && !raw.sid().chars().allMatch(PolicyRules::alphanumeric)) {
                    throw malformed(SID_FORMAT);
                }
            }
        }
        for (RawStatement raw : raws) {
            if (raw.actions() == null || raw.actions().isEmpty()) {
                throw malformed(MISSING_ACTIONS);
            }
        }
        if (resourceError != null) {
            throw malformed(resourceError);
        }
        for (String element : List.of("Action", "NotAction")) {
            for (RawStatement raw : raws) {
                if (element.equals(raw.actionElement())) {
                    raw.actions().forEach(action -> checkAction(action, kind));
                }
            }
        }
        if (kind == Kind.TRUST) {
            for (RawStatement raw : raws) {
                if (raw.actions().stream().anyMatch(action -> !trustAction(action))) {
                    throw malformed(TRUST_ACTIONS);
                }
            }
            for (RawStatement raw : raws) {
                if (raw.resourceElement() != null) {
                    throw malformed(PROHIBITED_RESOURCE);
                }
            }
        } else {
            for (RawStatement raw : raws) {
                if (raw.resources() == null || raw.resources().isEmpty()) {
                    throw malformed(MISSING_RESOURCES);
                }
            }
        }
        if (kind == Kind.RESOURCE || kind == Kind.TRUST) {
            raws.forEach(PolicyRules::checkPrincipals);
        }
    }

    /** Trust policies grant STS's session actions only (AssumeRole*, TagSession, SetSourceIdentity, SetContext…). */
    private static boolean trustAction(String action) {
        return action.equals("*") || action.toLowerCase(Locale.ROOT).startsWith("sts:");
    }

    private static boolean alphanumeric(int c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static void checkAction(String action, Kind kind) {
        String problem = actionProblem(action);
        if (problem != null) {
            throw malformed(kind == Kind.RESOURCE ? INVALID_ACTION : problem);
        }
    }

    private static String actionProblem(String action) {
        String[] parts = action.split(":", -1);
        if (parts.length == 1 && !action.equals("*")) {
            return NO_VENDOR;
        }
        if (parts.length > 2) {
            return TWO_COLONS;
        }
        String vendor = parts[0];
        if (!vendor.equals("*") && !vendor.chars().allMatch(c -> alphanumeric(c) || c == '-' || c == '.')) {
            return "Vendor " + vendor + " is not valid";
        }
        return null;
    }

    private static void checkPrincipals(RawStatement raw) {
        if (raw.principalIsText()) {
            if (!raw.principalText().equals("*")) {
                throw malformed(INVALID_PRINCIPAL + ": \"" + raw.principalText() + "\"");
            }
            return;
        }
        if (raw.principals().isEmpty()) {
            throw malformed(INVALID_PRINCIPAL);
        }
        for (Map.Entry<String, List<String>> entry : raw.principals().entrySet()) {
            String type = entry.getKey();
            if (!PRINCIPAL_TYPES.contains(type) || entry.getValue().isEmpty()) {
                throw malformed(INVALID_PRINCIPAL + ": \"" + type + "\"");
            }
            for (String value : entry.getValue()) {
                if (PrincipalSpec.invalidValue(type, value)) {
                    throw malformed(INVALID_PRINCIPAL + ": \"" + type + "\":\"" + value + "\"");
                }
            }
        }
    }
}
