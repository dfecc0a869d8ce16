package io.wharf.s3.engine;

import io.wharf.s3.S3Errors;

import java.util.List;
import java.util.regex.Pattern;

/** AWS's rules for general purpose bucket names. A name that breaks one is InvalidBucketName. */
final class BucketNames {
    private static final Pattern ALLOWED = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IP_ADDRESS = Pattern.compile("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    private static final List<String> RESERVED_PREFIXES = List.of("xn--", "sthree-", "amzn-s3-demo-");
    private static final List<String> RESERVED_SUFFIXES = List.of("-s3alias", "--ol-s3", ".mrap", "--x-s3",
            "--table-s3");

    private BucketNames() {
    }

    static boolean valid(String name) {
        if (name == null || !ALLOWED.matcher(name).matches() || name.contains("..") || name.contains(".-")
                || name.contains("-.") || IP_ADDRESS.matcher(name).matches()) {
            return false;
        }
        return RESERVED_PREFIXES.stream().noneMatch(name::startsWith)
                && RESERVED_SUFFIXES.stream().noneMatch(name::endsWith);
    }

    static void check(String name) {
        if (!valid(name)) {
            throw S3Errors.INVALID_BUCKET_NAME.withDetails("BucketName", name);
        }
    }
}
