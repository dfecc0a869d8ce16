package io.wharf.s3;

import io.wharf.protocol.AwsException;

import java.util.Map;

/**
 * Carries S3's extra error elements to the rest-xml encoder. Until the protocol's AwsException holds them, they are
 * dropped here (the code, status and message are unaffected).
 */
final class S3ErrorDetails {
    private S3ErrorDetails() {
    }

    static AwsException attach(AwsException e, Map<String, String> extra) {
        return e;
    }
}
