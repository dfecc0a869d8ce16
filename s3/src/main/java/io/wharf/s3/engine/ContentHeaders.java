package io.wharf.s3.engine;

/**
 * The HTTP headers S3 stores with an object and answers on GET/HEAD. Any may be null. {@code expires} is kept as the
 * client sent it (S3 returns it verbatim).
 */
public record ContentHeaders(String contentType, String contentEncoding, String contentDisposition,
                             String contentLanguage, String cacheControl, String expires) {
    public static final ContentHeaders NONE = new ContentHeaders(null, null, null, null, null, null);

    /** S3's default content type for objects stored without one. */
    public static final String DEFAULT_TYPE = "binary/octet-stream";

    public ContentHeaders withDefaultType() {
        return contentType != null ? this : new ContentHeaders(DEFAULT_TYPE, contentEncoding, contentDisposition,
                contentLanguage, cacheControl, expires);
    }
}
