package io.wharf.s3.engine;

import io.wharf.s3.S3Errors;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One byte range of a {@code Range: bytes=…} header, resolved against an object's size. As on S3, a header that is
 * not one well-formed byte range is ignored (the whole object is answered), and a range that starts past the end is
 * InvalidRange (416) with {@code Content-Range: bytes *}{@code /size}.
 *
 * @param start first byte, inclusive
 * @param end   last byte, inclusive
 */
public record ByteRange(long start, long end) {
    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    public long length() {
        return end - start + 1;
    }

    /** {@code bytes start-end/size}, the Content-Range of the answer. */
    public String contentRange(long size) {
        return "bytes " + start + "-" + end + "/" + size;
    }

    /** The range the header asks for, or null for the whole object. */
    static ByteRange parse(String header, long size) {
        if (header == null) {
            return null;
        }
        Matcher m = SINGLE.matcher(header.trim());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return null;
        }
        try {
            if (m.group(1).isEmpty()) { // suffix: the last n bytes
                long n = Long.parseLong(m.group(2));
                if (n == 0) {
                    throw invalid(header, size);
                }
                return size == 0 ? null : new ByteRange(Math.max(0, size - n), size - 1);
            }
            long start = Long.parseLong(m.group(1));
            long end = m.group(2).isEmpty() ? Long.MAX_VALUE : Long.parseLong(m.group(2));
            if (end < start) {
                return null;
            }
            if (start >= size) {
                throw invalid(header, size);
            }
            return new ByteRange(start, Math.min(end, size - 1));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static RuntimeException invalid(String header, long size) {
        return S3Errors.INVALID_RANGE.withDetails("RangeRequested", header, "ActualObjectSize", Long.toString(size))
                .withHeader("Content-Range", "bytes */" + size);
    }
}
