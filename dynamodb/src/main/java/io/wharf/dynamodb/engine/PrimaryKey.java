package io.wharf.dynamodb.engine;

import io.wharf.dynamodb.item.AttributeValue;
import io.wharf.protocol.Hashes;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The key of one item (or of one index entry): partition value and optional sort value, ordered as DynamoDB orders a
 * table — partitions by a hash of the partition value (so a scan's order looks like AWS's: unrelated to the values,
 * but stable), then by the partition value's bytes, then by the sort key in AWS's order (numbers by value, strings
 * and binaries by unsigned bytes). The 31-bit {@link #partitionHash} also decides a parallel scan's segment.
 */
public final class PrimaryKey implements Comparable<PrimaryKey> {
    /** Sorts before every real sort value of a partition: for range bounds. */
    static final AttributeValue LOWEST = new AttributeValue.S("\u0000lowest");
    static final AttributeValue HIGHEST = new AttributeValue.S("\u0000highest");

    private final AttributeValue hash;
    private final AttributeValue range;
    private final byte[] hashBytes;
    private final int partitionHash;

    public PrimaryKey(AttributeValue hash, AttributeValue range) {
        this.hash = Objects.requireNonNull(hash);
        this.range = range;
        this.hashBytes = bytes(hash);
        this.partitionHash = hashOf(hashBytes);
    }

    private PrimaryKey(int partitionHash) {
        this.hash = LOWEST;
        this.range = LOWEST;
        this.hashBytes = new byte[0];
        this.partitionHash = partitionHash;
    }

    /** A bound before every key whose partition hash is {@code partitionHash} or more (parallel scan segments). */
    static PrimaryKey lowerBound(int partitionHash) {
        return new PrimaryKey(partitionHash);
    }

    public AttributeValue hash() {
        return hash;
    }

    /** The sort value, or null for a table without a sort key. */
    public AttributeValue range() {
        return range;
    }

    public int partitionHash() {
        return partitionHash;
    }

    /** Which of {@code totalSegments} parallel-scan segments this key's partition falls in. */
    public int segment(int totalSegments) {
        return (int) (((long) partitionHash * totalSegments) >>> 31);
    }

    /** The first partition hash of a segment. */
    static int segmentStart(int segment, int totalSegments) {
        return (int) ((((long) segment << 31) + totalSegments - 1) / totalSegments);
    }

    @Override
    public int compareTo(PrimaryKey o) {
        int c = Integer.compare(partitionHash, o.partitionHash);
        if (c != 0) {
            return c;
        }
        c = java.util.Arrays.compareUnsigned(hashBytes, o.hashBytes);
        if (c != 0) {
            return c;
        }
        return compareSort(range, o.range);
    }

    /** AWS's order of two sort values of one type; the bounds {@link #LOWEST}/{@link #HIGHEST} sort outside. */
    static int compareSort(AttributeValue a, AttributeValue b) {
        if (a == b) {
            return 0;
        }
        int ra = rank(a);
        int rb = rank(b);
        if (ra != rb) {
            return Integer.compare(ra, rb);
        }
        return compareValues(a, b);
    }

    /** Bounds outside every value; no sort key (null) counts as a value. */
    private static int rank(AttributeValue v) {
        return v == LOWEST ? 0 : v == HIGHEST ? 2 : 1;
    }

    /** AWS's order of two scalar key values: numbers by value, strings by UTF-8 bytes, binaries by unsigned bytes. */
    public static int compareValues(AttributeValue a, AttributeValue b) {
        if (a instanceof AttributeValue.N x && b instanceof AttributeValue.N y) {
            return x.value().compareTo(y.value());
        }
        return java.util.Arrays.compareUnsigned(bytes(a), bytes(b));
    }

    /** The raw bytes of a scalar key value (S: UTF-8, N: its text, B: the bytes). */
    static byte[] bytes(AttributeValue v) {
        return switch (v) {
            case AttributeValue.S s -> s.value().getBytes(StandardCharsets.UTF_8);
            case AttributeValue.N n -> n.text().getBytes(StandardCharsets.UTF_8);
            case AttributeValue.B b -> b.value().toArray();
            default -> throw new IllegalArgumentException("not a key type: " + v.type());
        };
    }

    /** The key's bytes for the store: type letter, length and bytes of each part. */
    byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(hashBytes.length + 16);
        part(out, hash);
        if (range != null) {
            part(out, range);
        }
        return out.toByteArray();
    }

    private static void part(ByteArrayOutputStream out, AttributeValue v) {
        byte[] b = bytes(v);
        out.write(v.type().charAt(0));
        out.write(b.length >>> 24);
        out.write(b.length >>> 16);
        out.write(b.length >>> 8);
        out.write(b.length);
        out.writeBytes(b);
    }

    private static int hashOf(byte[] bytes) {
        byte[] d = Hashes.md5().digest(bytes);
        return ((d[0] & 0xff) << 24 | (d[1] & 0xff) << 16 | (d[2] & 0xff) << 8 | (d[3] & 0xff)) & 0x7fffffff;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PrimaryKey k && compareTo(k) == 0;
    }

    @Override
    public int hashCode() {
        return partitionHash * 31 + Objects.hashCode(range);
    }

    @Override
    public String toString() {
        return hash + (range == null ? "" : "/" + range);
    }
}
