package io.wharf.iam.policy;

import io.wharf.protocol.auth.Principal;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The condition keys of one request: those the gateway and the service supplied ({@code aws:SourceIp},
 * {@code aws:SecureTransport}, {@code aws:SourceArn}, {@code aws:ResourceTag/…}, service keys) and those the evaluator
 * derives itself from the principal and the clock. Key names are case-insensitive, values are not.
 *
 * <p>The principal's keys always come from the principal, never from the request's context map, so a caller cannot
 * smuggle in an {@code aws:PrincipalTag/…} or an {@code aws:PrincipalArn}:
 * <ul>
 *   <li>{@code aws:PrincipalArn}: the role's ARN for a role session (as AWS), else the principal's ARN; absent for
 *       service principals and anonymous requests</li>
 *   <li>{@code aws:PrincipalAccount}: the principal's account; {@code anonymous} for anonymous requests</li>
 *   <li>{@code aws:PrincipalType}, {@code aws:userid}: always</li>
 *   <li>{@code aws:username}: IAM users only</li>
 *   <li>{@code aws:PrincipalTag/k}: the principal's tags (tag keys compared case-insensitively)</li>
 *   <li>{@code aws:PrincipalIsAWSService}: {@code true} for service principals, {@code false} for other signed
 *       requests, absent for anonymous ones; {@code aws:PrincipalServiceName}: service principals only</li>
 *   <li>{@code aws:CurrentTime} (ISO-8601, UTC, seconds) and {@code aws:EpochTime} (seconds): always</li>
 * </ul>
 * The lower-cased copy of the request's map is built only when a policy asks for one of its keys.
 */
final class EvaluationContext {
    private static final String PRINCIPAL_TAG = "aws:principaltag/";

    private final Principal principal;
    private final Map<String, List<String>> supplied;
    private final Instant now;
    private Map<String, List<String>> lowered;

    EvaluationContext(Principal principal, Map<String, List<String>> supplied, Instant now) {
        this.principal = principal;
        this.supplied = supplied;
        this.now = now;
    }

    Principal principal() {
        return principal;
    }

    /** The values of a key (lower-cased name), or null when the request has no such key. */
    List<String> values(String key) {
        if (key.startsWith("aws:")) {
            if (key.startsWith(PRINCIPAL_TAG)) {
                return principalTag(key.substring(PRINCIPAL_TAG.length()));
            }
            switch (key) {
                case "aws:principalarn":
                    return one(principalArn());
                case "aws:principalaccount":
                    return one(principal.type() == Principal.Type.ANONYMOUS ? "anonymous" : principal.accountId());
                case "aws:principaltype":
                    return one(principal.type().contextValue());
                case "aws:userid":
                    return one(principal.userId());
                case "aws:username":
                    return one(principal.type() == Principal.Type.USER ? principal.name() : null);
                case "aws:principalisawsservice":
                    return principal.type() == Principal.Type.ANONYMOUS ? null
                            : one(String.valueOf(principal.type() == Principal.Type.SERVICE));
                case "aws:principalservicename":
                    return one(principal.type() == Principal.Type.SERVICE ? principal.arn() : null);
                case "aws:currenttime":
                    return one(now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
                case "aws:epochtime":
                    return one(Long.toString(now.getEpochSecond()));
                default:
                    break;
            }
        }
        List<String> values = lowered().get(key);
        return values == null || values.isEmpty() ? null : values;
    }

    /** The single value of a key, for a policy variable; null when absent or multi-valued. */
    String single(String key) {
        List<String> values = values(key);
        return values == null || values.size() != 1 ? null : values.get(0);
    }

    private String principalArn() {
        return switch (principal.type()) {
            case ASSUMED_ROLE -> principal.roleArn() != null ? principal.roleArn() : principal.arn();
            case SERVICE, ANONYMOUS -> null;
            default -> principal.arn();
        };
    }

    private List<String> principalTag(String tagKey) {
        for (Map.Entry<String, String> tag : principal.tags().entrySet()) {
            if (tag.getKey().equalsIgnoreCase(tagKey)) {
                return one(tag.getValue());
            }
        }
        return null;
    }

    private Map<String, List<String>> lowered() {
        if (lowered == null) {
            Map<String, List<String>> copy = new HashMap<>(supplied.size() * 2);
            for (Map.Entry<String, List<String>> entry : supplied.entrySet()) {
                if (entry.getKey() != null && entry.getValue() != null) {
                    copy.put(entry.getKey().toLowerCase(Locale.ROOT), entry.getValue());
                }
            }
            lowered = copy;
        }
        return lowered;
    }

    private static List<String> one(String value) {
        return value == null ? null : List.of(value);
    }
}
