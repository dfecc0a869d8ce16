package io.wharf.protocol;

import io.wharf.protocol.wire.WireRequest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Request bodies the SDKs compress: operations with the model's {@code requestcompression} trait (CloudWatch
 * PutMetricData) are sent with {@code Content-Encoding: gzip} once the body passes the SDK's threshold (10 KiB by
 * default; SDK v2 and botocore both do it, for every protocol). The signature covers the compressed bytes, so the
 * gateway verifies the request as it came and decodes the inflated body. Inflating stops at
 * {@link #MAX_INFLATED_BYTES}, so a small body cannot expand into an unbounded one.
 */
public final class RequestCompression {
    /** The most a compressed body may inflate to: far above PutMetricData's 1 MB limit. */
    public static final int MAX_INFLATED_BYTES = 16 * 1024 * 1024;

    private RequestCompression() {
    }

    /** The request's body, inflated when its {@code Content-Encoding} names gzip. */
    public static byte[] body(WireRequest request, ValidationErrors errors) {
        String encoding = request.header("content-encoding");
        if (encoding == null || !encoding.toLowerCase(Locale.ROOT).contains("gzip") || request.body().length == 0) {
            return request.body();
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(request.body()))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(request.body().length * 4);
            byte[] buffer = new byte[8192];
            int total = 0;
            for (int n; (n = in.read(buffer)) > 0; ) {
                total += n;
                if (total > MAX_INFLATED_BYTES) {
                    throw errors.malformed("The request body inflates to more than " + MAX_INFLATED_BYTES
                            + " bytes.");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw errors.malformed("The request body is not valid gzip.");
        }
    }
}
