package io.wharf.iam.policy;

import java.util.List;

/**
 * IAM's checks of the ARNs written in {@code Resource}/{@code NotResource}, with its messages: the format problems
 * ("must be in ARN format", an unknown partition, no service, region in an IAM or S3 ARN, an IAM path IAM does not
 * know) and the older "legacy" parser's stricter rules about empty segments.
 */
final class ResourceFormat {
    private static final List<String> IAM_PATHS = List.of("user/", "federated-user/", "role/", "group/",
            "instance-profile/", "mfa/", "server-certificate/", "policy/", "sms-mfa/", "saml-provider/",
            "oidc-provider/", "report/", "access-report/");

    private static final List<String> PARTITIONS = List.of("aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b",
            "aws-iso-e", "aws-iso-f", "aws-eusc");

    private ResourceFormat() {
    }

    /** IAM's message about this resource, or null when its format is acceptable. */
    static String problem(String resource) {
        if (resource.equals("*")) {
            return null;
        }
        int first = resource.indexOf(':');
        if (first < 0) {
            return "Resource " + resource + " must be in ARN format or \"*\".";
        }
        String afterScheme = resource.substring(first + 1);
        int second = afterScheme.indexOf(':');
        String partition = second < 0 ? afterScheme : afterScheme.substring(0, second);
        if (!PARTITIONS.contains(partition) && !partition.equals("*")) {
            String[] remaining = (second < 0 ? "" : afterScheme.substring(second + 1)).split(":", -1);
            String arn1 = !remaining[0].isEmpty() || remaining.length > 1 ? remaining[0] : "*";
            String arn2 = remaining.length > 1 ? remaining[1] : "*";
            String arn3 = remaining.length > 2 ? remaining[2] : "*";
            String arn4 = remaining.length > 3
                    ? String.join(":", java.util.Arrays.copyOfRange(remaining, 3, remaining.length)) : "*";
            return "Partition \"" + partition + "\" is not valid for resource \"arn:" + partition + ":" + arn1 + ":"
                    + arn2 + ":" + arn3 + ":" + arn4 + "\".";
        }
        if (second < 0) {
            return "Resource vendor must be fully qualified and cannot contain regexes.";
        }
        String afterPartition = afterScheme.substring(second + 1);
        int third = afterPartition.indexOf(':');
        String service = third < 0 ? afterPartition : afterPartition.substring(0, third);
        String afterService = third < 0 ? "" : afterPartition.substring(third + 1);
        if (service.equals("iam") && !afterService.startsWith(":")) {
            return "IAM resource " + resource + " cannot contain region information.";
        }
        if (service.equals("s3") && !afterService.startsWith(":")
                && !after(after(afterService)).startsWith("accesspoint/")) {
            return "Resource " + resource + " can not contain region information.";
        }
        if (service.equals("iam")) {
            String path = after(after(afterService));
            if (!path.equals("*") && !path.equals("root") && IAM_PATHS.stream().noneMatch(path::startsWith)) {
                return "IAM resource path must either be \"*\", root, or start with " + String.join(", ", IAM_PATHS) + ".";
            }
        }
        return null;
    }

    private static String after(String text) {
        int colon = text.indexOf(':');
        return colon < 0 ? "" : text.substring(colon + 1);
    }

    /** Whether IAM's legacy parser accepts this resource: no empty service, no {@code ::} in a short ARN. */
    static boolean legacyParses(String resource) {
        if (resource.equals("*")) {
            return true;
        }
        long colons = resource.chars().filter(c -> c == ':').count();
        if (colons < 5 && resource.contains("::")) {
            return false;
        }
        String[] parts = resource.split(":", -1);
        return parts.length > 2 && !parts[2].isEmpty();
    }
}
