package io.wharf.iam;

import io.wharf.protocol.AwsException;

import java.util.List;

/** How AWS's Coral validation names a member and joins several violations; shared by IAM's and STS's wording. */
final class CoralPaths {
    private static final String ONE = "1 validation error detected: ";

    private CoralPaths() {
    }

    /**
     * The validator's path ({@code Tags.1.Key}, {@code PolicyInputList.2}) in Coral's form: each member name
     * lower-camel, each list index followed by {@code member} ({@code tags.1.member.key}).
     */
    static String of(String path) {
        String[] parts = path.split("\\.", -1);
        StringBuilder out = new StringBuilder(path.length() + 8);
        for (String part : parts) {
            if (!out.isEmpty()) {
                out.append('.');
            }
            if (!part.isEmpty() && part.chars().allMatch(Character::isDigit)) {
                out.append(part).append(".member");
            } else if (!part.isEmpty()) {
                out.append(Character.toLowerCase(part.charAt(0))).append(part, 1, part.length());
            }
        }
        return out.toString();
    }

    /** One violation as it is; several as "N validation errors detected: a; b". */
    static AwsException combine(List<AwsException> violations) {
        if (violations.size() == 1) {
            return violations.get(0);
        }
        StringBuilder message = new StringBuilder(violations.size() + " validation errors detected: ");
        for (int i = 0; i < violations.size(); i++) {
            String one = violations.get(i).getMessage();
            message.append(i == 0 ? "" : "; ").append(one.startsWith(ONE) ? one.substring(ONE.length()) : one);
        }
        AwsException first = violations.get(0);
        return new AwsException(first.type(), first.code(), first.httpStatus(), first.senderFault(),
                message.toString());
    }
}
