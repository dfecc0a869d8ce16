package io.wharf.iam.policy;

import io.wharf.protocol.auth.Principal;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A statement's {@code Principal} or {@code NotPrincipal}: {@code "*"}, or {@code {"AWS": …, "Service": …,
 * "Federated": …, "CanonicalUser": …}} with a string or a list each.
 *
 * <p>{@code "AWS"} values are {@code *} (everyone, including service principals and anonymous callers, as AWS's
 * console-written SNS-to-SQS queue policies rely on), a 12-digit account or its root ARN (the account), an IAM user or
 * role ARN, a role-session ARN ({@code arn:aws:sts::…:assumed-role/Role/Session}), a federated-user ARN, or an IAM
 * unique id (what IAM shows once the named user or role is deleted). {@code "Service"} values are service principal
 * names ({@code sns.amazonaws.com}), compared case-insensitively. {@code "Federated"} values name an identity provider;
 * they match a {@link Principal.Type#FEDERATED_USER} without an account whose ARN is that provider (the IAM engine's
 * convention for web-identity and SAML callers). {@code "CanonicalUser"} (S3's ids) is accepted and never matches:
 * Wharf has no canonical users.
 */
final class PrincipalSpec {
    private static final Pattern SERVICE_NAME = Pattern.compile("[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");

    private final boolean everyone;
    private final Set<String> accounts = new HashSet<>();
    private final Set<String> arns = new HashSet<>();
    private final Set<String> uniqueIds = new HashSet<>();
    private final Set<String> services = new HashSet<>();
    private final Set<String> federated = new HashSet<>();
    private boolean anyService;

    private PrincipalSpec(boolean everyone) {
        this.everyone = everyone;
    }

    static PrincipalSpec everyone() {
        return new PrincipalSpec(true);
    }

    /** From {@code type → values}; the values were checked by {@link #invalidValue} when the kind of policy asks. */
    static PrincipalSpec of(Map<String, List<String>> byType) {
        boolean star = byType.getOrDefault("AWS", List.of()).contains("*");
        PrincipalSpec spec = new PrincipalSpec(star);
        byType.forEach((type, values) -> values.forEach(value -> spec.add(type, value)));
        return spec;
    }

    private void add(String type, String value) {
        switch (type) {
            case "AWS" -> {
                String account = account(value);
                if (account != null) {
                    accounts.add(account);
                } else if (value.startsWith("arn:")) {
                    arns.add(value);
                } else {
                    uniqueIds.add(value);
                }
            }
            case "Service" -> {
                if (value.equals("*")) {
                    anyService = true;
                } else {
                    services.add(value.toLowerCase(Locale.ROOT));
                }
            }
            case "Federated" -> federated.add(value);
            default -> {
                // CanonicalUser: kept out; it names no principal Wharf has
            }
        }
    }

    /** The account a value names as a whole ({@code 123456789012} or its root ARN), else null. */
    private static String account(String value) {
        if (isAccountId(value)) {
            return value;
        }
        if (value.startsWith("arn:aws:iam::") && value.endsWith(":root")) {
            String id = value.substring("arn:aws:iam::".length(), value.length() - ":root".length());
            return isAccountId(id) ? id : null;
        }
        return null;
    }

    static boolean isAccountId(String value) {
        if (value.length() != 12) {
            return false;
        }
        for (int i = 0; i < 12; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether IAM would refuse this principal value as malformed. IAM also refuses well-formed ARNs of
     * users and roles that do not exist; that check belongs to the IAM engine, which knows them.
     */
    static boolean invalidValue(String type, String value) {
        if (value.isEmpty()) {
            return true;
        }
        return switch (type) {
            case "AWS" -> !(value.equals("*") || account(value) != null || identityArn(value) || uniqueId(value));
            case "Service" -> !(value.equals("*") || SERVICE_NAME.matcher(value).matches());
            case "Federated", "CanonicalUser" -> value.indexOf(' ') >= 0;
            default -> true;
        };
    }

    private static boolean identityArn(String value) {
        String rest;
        if (value.startsWith("arn:aws:iam::")) {
            rest = value.substring("arn:aws:iam::".length());
        } else if (value.startsWith("arn:aws:sts::")) {
            rest = value.substring("arn:aws:sts::".length());
        } else {
            return false;
        }
        if (rest.length() < 14 || !isAccountId(rest.substring(0, 12)) || rest.charAt(12) != ':'
                || value.indexOf('*') >= 0 || value.indexOf('?') >= 0) {
            return false;
        }
        String resource = rest.substring(13);
        if (value.startsWith("arn:aws:iam::")) {
            return (resource.startsWith("user/") || resource.startsWith("role/")) && !resource.endsWith("/");
        }
        if (resource.startsWith("assumed-role/")) {
            String[] parts = resource.split("/", -1);
            return parts.length == 3 && !parts[1].isEmpty() && !parts[2].isEmpty();
        }
        return resource.startsWith("federated-user/") && resource.length() > "federated-user/".length();
    }

    private static boolean uniqueId(String value) {
        return value.length() >= 16 && value.length() <= 128 && value.charAt(0) == 'A'
                && value.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'));
    }

    /**
     * How a {@code Principal} element names {@code principal}. A wildcard grants {@link PrincipalMatch#DIRECT}, except
     * to role and federated-user sessions, which get {@link PrincipalMatch#ROLE}: AWS does not document whether a
     * session policy limits what {@code "*"} grants, and Wharf takes the safer reading that it does.
     */
    PrincipalMatch match(Principal principal) {
        PrincipalMatch best = PrincipalMatch.NONE;
        if (everyone || (anyService && principal.type() == Principal.Type.SERVICE)) {
            best = isSession(principal) ? PrincipalMatch.ROLE : PrincipalMatch.DIRECT;
        }
        return max(best, named(principal));
    }

    private PrincipalMatch named(Principal principal) {
        String account = principal.accountId();
        return switch (principal.type()) {
            case ROOT -> accounts.contains(account) ? PrincipalMatch.DIRECT : PrincipalMatch.NONE;
            case USER -> arns.contains(principal.arn()) || uniqueIds.contains(principal.userId())
                    ? PrincipalMatch.DIRECT : accountMatch(account);
            case ASSUMED_ROLE -> arns.contains(principal.arn()) ? PrincipalMatch.DIRECT
                    : namesRole(principal) ? PrincipalMatch.ROLE : accountMatch(account);
            case FEDERATED_USER -> account == null
                    ? (federated.contains(principal.arn()) ? PrincipalMatch.DIRECT : PrincipalMatch.NONE)
                    : arns.contains(principal.arn()) ? PrincipalMatch.DIRECT : accountMatch(account);
            case SERVICE -> services.contains(principal.arn().toLowerCase(Locale.ROOT))
                    ? PrincipalMatch.DIRECT : PrincipalMatch.NONE;
            case ANONYMOUS -> PrincipalMatch.NONE;
        };
    }

    private PrincipalMatch accountMatch(String account) {
        return account != null && accounts.contains(account) ? PrincipalMatch.ACCOUNT : PrincipalMatch.NONE;
    }

    private boolean namesRole(Principal principal) {
        if (principal.roleArn() != null && arns.contains(principal.roleArn())) {
            return true;
        }
        String userId = principal.userId();
        int colon = userId == null ? -1 : userId.indexOf(':');
        return colon > 0 && uniqueIds.contains(userId.substring(0, colon));
    }

    /**
     * Whether a {@code NotPrincipal} statement with this list applies to {@code principal}. AWS may check the
     * principal's account, then its role, then its session, each against the list ("AWS might validate the account
     * first"), so Wharf treats the principal as the chain of those identities: a Deny applies unless every link of
     * the chain is listed (so listing only a user, not its account, denies the user, as AWS warns it may); an Allow
     * applies only when no link is listed. Both are the safer reading.
     */
    boolean notPrincipalApplies(Principal principal, boolean deny) {
        if (everyone) {
            return false;
        }
        boolean[] links = chain(principal);
        int listed = 0;
        for (boolean link : links) {
            if (link) {
                listed++;
            }
        }
        return deny ? listed < links.length || links.length == 0 : listed == 0;
    }

    /** For each identity in the principal's chain (account, role, session…): whether this list names it. */
    private boolean[] chain(Principal principal) {
        String account = principal.accountId();
        boolean accountListed = account != null && accounts.contains(account);
        return switch (principal.type()) {
            case ROOT -> new boolean[] {accountListed};
            case USER -> new boolean[] {accountListed,
                    arns.contains(principal.arn()) || uniqueIds.contains(principal.userId())};
            case ASSUMED_ROLE -> new boolean[] {accountListed, namesRole(principal), arns.contains(principal.arn())};
            case FEDERATED_USER -> account == null ? new boolean[] {federated.contains(principal.arn())}
                    : new boolean[] {accountListed, arns.contains(principal.arn())};
            case SERVICE -> new boolean[] {anyService || services.contains(principal.arn().toLowerCase(Locale.ROOT))};
            case ANONYMOUS -> new boolean[0];
        };
    }

    static boolean isSession(Principal principal) {
        return principal.type() == Principal.Type.ASSUMED_ROLE
                || (principal.type() == Principal.Type.FEDERATED_USER && principal.accountId() != null);
    }

    private static PrincipalMatch max(PrincipalMatch a, PrincipalMatch b) {
        return a.atLeast(b) ? a : b;
    }
}
