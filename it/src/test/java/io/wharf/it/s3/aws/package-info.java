/**
 * S3 suites written from AWS's documentation and recorded AWS answers rather than from Wharf's code: what the SDK for
 * Java v2 sends with its defaults, objects, listings, copies, multipart, presigned URLs, errors, the AWS CLI and boto3,
 * a raw-wire bad-input sweep and a restart. {@code -Dwharf.it.s3.endpoint=http://127.0.0.1:PORT} aims them (all but
 * the restart) at another S3 implementation, e.g. moto_server, to check the suites themselves.
 */
package io.wharf.it.s3.aws;
