package io.wharf.cloudwatch.engine;

import io.wharf.storage.KeySpace;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What CloudWatch keeps on disk: one entry per metric, time bucket and unit, in one key space.
 *
 * <pre>
 * cloudwatch.buckets
 *   key   = metric identity · resolution · bucket start · unit
 *           metric identity = account, region, namespace, metric name, dimension count (u16), then each dimension's
 *                             name and value — every string as u16 length + UTF-8 bytes
 *           resolution      = u8: 60 (one-minute bucket) or 1 (one-second bucket, high-resolution data)
 *           bucket start    = i64 big-endian epoch milliseconds, a multiple of the resolution
 *           unit            = u16 length + UTF-8 ({@code None} when none was sent)
 *   value = sample count, sum, minimum, maximum: four IEEE-754 doubles, big-endian (32 bytes)
 * </pre>
 * The key holds the whole identity so that recovery rebuilds every series from the keys alone; a bucket's entry is
 * rewritten (put) whenever a datum lands in it and deleted when it ages out of its retention
 * ({@link CloudWatchLimits}). Keys of one metric share a prefix, so one metric's buckets are adjacent and in time
 * order per resolution.
 */
public final class CloudWatchStoreLayout {
    public static final KeySpace BUCKETS = new KeySpace("cloudwatch.buckets");

    private CloudWatchStoreLayout() {
    }

    /** A bucket as its key describes it. */
    public record BucketKey(MetricId metric, int resolutionSeconds, long startMillis, String unit) {
    }

    public static byte[] key(BucketKey bucket) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            MetricId m = bucket.metric();
            string(out, m.account());
            string(out, m.region());
            string(out, m.namespace());
            string(out, m.metricName());
            out.writeShort(m.dimensions().size());
            for (Dimension d : m.dimensions()) {
                string(out, d.name());
                string(out, d.value());
            }
            out.writeByte(bucket.resolutionSeconds());
            out.writeLong(bucket.startMillis());
            string(out, bucket.unit());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static BucketKey parseKey(byte[] key) {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(key))) {
            String account = string(in);
            String region = string(in);
            String namespace = string(in);
            String name = string(in);
            int count = in.readUnsignedShort();
            List<Dimension> dimensions = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                dimensions.add(new Dimension(string(in), string(in)));
            }
            int resolution = in.readUnsignedByte();
            long start = in.readLong();
            String unit = string(in);
            return new BucketKey(new MetricId(account, region, namespace, name, dimensions), resolution, start, unit);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable CloudWatch bucket key", e);
        }
    }

    public static byte[] value(Aggregate aggregate) {
        return ByteBuffer.allocate(32).putDouble(aggregate.sampleCount()).putDouble(aggregate.sum())
                .putDouble(aggregate.minimum()).putDouble(aggregate.maximum()).array();
    }

    public static Aggregate parseValue(byte[] value) {
        ByteBuffer in = ByteBuffer.wrap(value);
        return new Aggregate(in.getDouble(), in.getDouble(), in.getDouble(), in.getDouble());
    }

    private static void string(DataOutputStream out, String text) throws IOException {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.writeShort(utf8.length);
        out.write(utf8);
    }

    private static String string(DataInputStream in) throws IOException {
        byte[] utf8 = new byte[in.readUnsignedShort()];
        in.readFully(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
