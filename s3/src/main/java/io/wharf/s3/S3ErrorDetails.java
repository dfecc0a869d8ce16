package io.wharf.s3;

import io.wharf.protocol.AwsException;

import java.util.Map;

/** Carries S3's extra error elements to the rest-xml encoder through {@link AwsException#with}. */
final class S3ErrorDetails {
    private S3ErrorDetails() {
    }

    static AwsException attach(AwsException e, Map<String, String> extra) {
        extra.forEach(e::with);
        return e;
    }
}
