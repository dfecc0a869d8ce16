package io.wharf.protocol.auth;

/**
 * Which region names a credential scope may carry. AWS answers a scope for another region with "Credential should be
 * scoped to a valid region, not '…'." (scratchstack rule 13): an endpoint serves one region. Wharf serves every
 * region on one port and takes the region from the scope, so "valid" is AWS's shape of a region name:
 * {@code [a-z]{2}(-[a-z]+)+-[0-9]+} — {@code us-east-1}, {@code eu-central-2}, {@code us-gov-west-1},
 * {@code cn-north-1}, {@code us-iso-east-1}. The SDKs sign AWS's global endpoints (IAM, STS's global one) with
 * {@code us-east-1}, but a client built with the {@code aws-global} region and an endpoint override (as IAM clients
 * aimed at Wharf are) signs with {@code aws-global} itself, so that name is valid too; it stands for the server's
 * default region ({@link RequestAuthenticator}).
 */
public final class Regions {
    /** The SDKs' name for "no region" (global services), which appears in scopes with an endpoint override. */
    public static final String GLOBAL = "aws-global";

    private Regions() {
    }

    /** Whether {@code region} may stand in a credential scope (and so in ARNs). */
    public static boolean valid(String region) {
        if (region.equals(GLOBAL)) {
            return true;
        }
        int length = region.length();
        if (length < 6 || !lower(region, 0) || !lower(region, 1) || region.charAt(2) != '-') {
            return false;
        }
        int lastDash = region.lastIndexOf('-');
        if (lastDash == length - 1) {
            return false;
        }
        for (int i = lastDash + 1; i < length; i++) {
            if (region.charAt(i) < '0' || region.charAt(i) > '9') {
                return false;
            }
        }
        // Between the prefix and the number: one or more "-word" groups of lower-case letters.
        if (lastDash <= 2) {
            return false;
        }
        boolean letterSinceDash = false;
        for (int i = 3; i < lastDash; i++) {
            char c = region.charAt(i);
            if (c == '-') {
                if (!letterSinceDash) {
                    return false;
                }
                letterSinceDash = false;
            } else if (lower(region, i)) {
                letterSinceDash = true;
            } else {
                return false;
            }
        }
        return letterSinceDash;
    }

    private static boolean lower(String text, int at) {
        char c = text.charAt(at);
        return c >= 'a' && c <= 'z';
    }
}
