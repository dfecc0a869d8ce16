package io.wharf.console.view;

/** One object on a bucket's page: size in bytes, last modified (ISO 8601), the ETag as S3 sends it. */
public record ObjectRow(String key, long size, String lastModified, String etag) {
}
