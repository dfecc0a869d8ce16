/** The S3 scenarios ({@code s3-put}, {@code s3-get}): objects of a chosen size through the SDK's async client. */
package io.wharf.bench.s3;
