package io.wharf.s3.engine;

import io.wharf.storage.KeySpace;
import io.wharf.storage.RecordCodec;
import io.wharf.storage.Store;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.wharf.storage.RecordCodec.readMap;
import static io.wharf.storage.RecordCodec.readNullable;
import static io.wharf.storage.RecordCodec.readString;
import static io.wharf.storage.RecordCodec.writeMap;
import static io.wharf.storage.RecordCodec.writeNullable;
import static io.wharf.storage.RecordCodec.writeString;

/**
 * How S3's metadata sits in the {@link Store} (the bytes of objects and parts are files, see {@link ObjectFiles}).
 * Values start with a format version byte (1), then {@link RecordCodec} fields. Times are epoch milliseconds.
 *
 * <pre>
 * s3.buckets  name                         → v, account, region, created:long, tags:map, policy?,
 *                                            rules:int, then per rule: id, destination (QUEUE|TOPIC), arn,
 *                                            events:int + strings, prefix?, suffix?
 * s3.objects  bucket 0x00 key              → v, fileId, size:long, etag, lastModified:long, contentType?,
 *                                            contentEncoding?, contentDisposition?, contentLanguage?, cacheControl?,
 *                                            expires?, metadata:map, tags:map, checksumAlgorithm?, checksumValue?,
 *                                            checksumType?, partsCount:int, sequencer:long, partSizes:int + longs
 * s3.uploads  uploadId                     → v, bucket, key, initiated:long, the six content headers?, metadata:map,
 *                                            tags:map, checksumAlgorithm?, checksumType?, sequencerAtStart:long,
 *                                            owner
 * s3.parts    uploadId 0x00 number:int     → v, fileId, size:long, etag, lastModified:long, checksum?
 * s3.outbox   number:long                  → v, destination, arn, bucketArn, subject?, message
 * </pre>
 *
 * An object's record and the outbox entries of its event are one batch, written after its file is durable; the file of
 * the object it replaced is deleted after that batch is. Bucket names never contain 0x00, so a bucket's objects are
 * one key range.
 */
final class S3StoreLayout {
    static final byte VERSION = 1;

    final KeySpace buckets;
    final KeySpace objects;
    final KeySpace uploads;
    final KeySpace parts;
    final KeySpace outbox;

    S3StoreLayout(Store store) {
        buckets = store.keySpace("s3.buckets");
        objects = store.keySpace("s3.objects");
        uploads = store.keySpace("s3.uploads");
        parts = store.keySpace("s3.parts");
        outbox = store.keySpace("s3.outbox");
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] objectKey(String bucket, String key) {
        byte[] b = utf8(bucket);
        byte[] k = utf8(key);
        return ByteBuffer.allocate(b.length + 1 + k.length).put(b).put((byte) 0).put(k).array();
    }

    static byte[] bucketPrefix(String bucket) {
        byte[] b = utf8(bucket);
        return ByteBuffer.allocate(b.length + 1).put(b).put((byte) 0).array();
    }

    static byte[] bucketEnd(String bucket) {
        byte[] b = utf8(bucket);
        return ByteBuffer.allocate(b.length + 1).put(b).put((byte) 1).array();
    }

    static String keyOf(byte[] objectKey) {
        int zero = 0;
        while (objectKey[zero] != 0) {
            zero++;
        }
        return new String(objectKey, zero + 1, objectKey.length - zero - 1, StandardCharsets.UTF_8);
    }

    static byte[] partKey(String uploadId, int number) {
        byte[] u = utf8(uploadId);
        return ByteBuffer.allocate(u.length + 5).put(u).put((byte) 0).putInt(number).array();
    }

    static byte[] uploadPrefix(String uploadId) {
        byte[] u = utf8(uploadId);
        return ByteBuffer.allocate(u.length + 1).put(u).put((byte) 0).array();
    }

    static byte[] uploadEnd(String uploadId) {
        byte[] u = utf8(uploadId);
        return ByteBuffer.allocate(u.length + 1).put(u).put((byte) 1).array();
    }

    static byte[] longKey(long n) {
        return ByteBuffer.allocate(8).putLong(n).array();
    }

    // ------------------------------------------------------------------ buckets

    static byte[] encodeBucket(Bucket b) {
        return RecordCodec.write(VERSION, out -> {
            writeString(out, b.account);
            writeString(out, b.region);
            out.writeLong(b.created);
            writeMap(out, b.tags);
            writeNullable(out, b.policy);
            List<NotificationRule> rules = b.notifications;
            out.writeInt(rules.size());
            for (NotificationRule r : rules) {
                writeString(out, r.id());
                writeString(out, r.destination().name());
                writeString(out, r.arn());
                out.writeInt(r.events().size());
                for (String e : r.events()) {
                    writeString(out, e);
                }
                writeNullable(out, r.prefix());
                writeNullable(out, r.suffix());
            }
        });
    }

    static Bucket decodeBucket(String name, byte[] value) {
        return RecordCodec.read(value, VERSION, "S3 bucket", in -> {
            Bucket b = new Bucket(name, readString(in), readString(in), in.readLong());
            b.tags = readMap(in);
            b.policy = readNullable(in);
            int n = in.readInt();
            List<NotificationRule> rules = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                String id = readString(in);
                NotificationRule.Destination d = NotificationRule.Destination.valueOf(readString(in));
                String arn = readString(in);
                int events = in.readInt();
                List<String> names = new ArrayList<>(events);
                for (int j = 0; j < events; j++) {
                    names.add(readString(in));
                }
                rules.add(new NotificationRule(id, d, arn, List.copyOf(names), readNullable(in), readNullable(in)));
            }
            b.notifications = List.copyOf(rules);
            return b;
        });
    }

    // ------------------------------------------------------------------ objects

    private static void writeHeaders(DataOutputStream out, ContentHeaders h) throws IOException {
        writeNullable(out, h.contentType());
        writeNullable(out, h.contentEncoding());
        writeNullable(out, h.contentDisposition());
        writeNullable(out, h.contentLanguage());
        writeNullable(out, h.cacheControl());
        writeNullable(out, h.expires());
    }

    private static ContentHeaders readHeaders(DataInputStream in) throws IOException {
        return new ContentHeaders(readNullable(in), readNullable(in), readNullable(in), readNullable(in),
                readNullable(in), readNullable(in));
    }

    private static void writeChecksum(DataOutputStream out, ObjectChecksum c) throws IOException {
        writeNullable(out, c == null ? null : c.algorithm().name());
        writeNullable(out, c == null ? null : c.value());
        writeNullable(out, c == null ? null : c.type().name());
    }

    private static ObjectChecksum readChecksum(DataInputStream in) throws IOException {
        String algorithm = readNullable(in);
        String value = readNullable(in);
        String type = readNullable(in);
        return algorithm == null ? null : new ObjectChecksum(ChecksumAlgorithm.valueOf(algorithm), value,
                ObjectChecksum.Type.valueOf(type));
    }

    static byte[] encodeObject(StoredObject o) {
        return RecordCodec.write(VERSION, out -> {
            writeString(out, o.fileId());
            out.writeLong(o.size());
            writeString(out, o.etag());
            out.writeLong(o.lastModified());
            writeHeaders(out, o.headers());
            writeMap(out, o.metadata());
            writeMap(out, o.tags());
            writeChecksum(out, o.checksum());
            out.writeInt(o.partsCount());
            out.writeLong(o.sequencer());
            out.writeInt(o.partSizes().size());
            for (long size : o.partSizes()) {
                out.writeLong(size);
            }
        });
    }

    static StoredObject decodeObject(String bucket, String key, byte[] value) {
        return RecordCodec.read(value, VERSION, "S3 object", in -> {
            String fileId = readString(in);
            long size = in.readLong();
            String etag = readString(in);
            long lastModified = in.readLong();
            ContentHeaders headers = readHeaders(in);
            Map<String, String> metadata = Map.copyOf(readMap(in));
            Map<String, String> tags = Map.copyOf(readMap(in));
            ObjectChecksum checksum = readChecksum(in);
            int partsCount = in.readInt();
            long sequencer = in.readLong();
            int parts = in.readInt();
            List<Long> sizes = new ArrayList<>(parts);
            for (int i = 0; i < parts; i++) {
                sizes.add(in.readLong());
            }
            return new StoredObject(bucket, key, fileId, size, etag, lastModified, headers, metadata, tags, checksum,
                    partsCount, sequencer, sizes);
        });
    }

    // ------------------------------------------------------------------ multipart

    static byte[] encodeUpload(Upload u) {
        return RecordCodec.write(VERSION, out -> {
            writeString(out, u.bucket);
            writeString(out, u.key);
            out.writeLong(u.initiated);
            writeHeaders(out, u.headers);
            writeMap(out, u.metadata);
            writeMap(out, u.tags);
            writeNullable(out, u.checksumAlgorithm == null ? null : u.checksumAlgorithm.name());
            writeNullable(out, u.checksumType == null ? null : u.checksumType.name());
            out.writeLong(u.sequencerAtStart);
            writeString(out, u.owner);
        });
    }

    static Upload decodeUpload(String uploadId, byte[] value) {
        return RecordCodec.read(value, VERSION, "S3 upload", in -> {
            String bucket = readString(in);
            String key = readString(in);
            long initiated = in.readLong();
            ContentHeaders headers = readHeaders(in);
            Map<String, String> metadata = Map.copyOf(readMap(in));
            Map<String, String> tags = Map.copyOf(readMap(in));
            String algorithm = readNullable(in);
            String type = readNullable(in);
            long sequencer = in.readLong();
            String owner = readString(in);
            return new Upload(uploadId, bucket, key, initiated, headers, metadata, tags,
                    algorithm == null ? null : ChecksumAlgorithm.valueOf(algorithm),
                    type == null ? null : ObjectChecksum.Type.valueOf(type), sequencer, owner);
        });
    }

    static byte[] encodePart(Part p) {
        return RecordCodec.write(VERSION, out -> {
            writeString(out, p.fileId());
            out.writeLong(p.size());
            writeString(out, p.etag());
            out.writeLong(p.lastModified());
            writeNullable(out, p.checksum());
        });
    }

    static Part decodePart(int number, byte[] value) {
        return RecordCodec.read(value, VERSION, "S3 part", in -> new Part(number, readString(in), in.readLong(),
                readString(in), in.readLong(), readNullable(in)));
    }

    // ------------------------------------------------------------------ outbox

    static byte[] encodeOutbox(OutboxEntry e) {
        return RecordCodec.write(VERSION, out -> {
            writeString(out, e.destination().name());
            writeString(out, e.arn());
            writeString(out, e.bucketArn());
            writeNullable(out, e.subject());
            writeString(out, e.message());
        });
    }

    static OutboxEntry decodeOutbox(long number, byte[] value) {
        return RecordCodec.read(value, VERSION, "S3 outbox", in -> new OutboxEntry(number,
                NotificationRule.Destination.valueOf(readString(in)), readString(in), readString(in),
                readNullable(in), readString(in)));
    }
}
