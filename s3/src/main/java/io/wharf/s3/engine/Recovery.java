package io.wharf.s3.engine;

import io.wharf.storage.WriteBatch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * Rebuilds the engine's memory on start: buckets, objects, uploads with their parts, the outbox. Then reconciles the
 * object directory with the records: a file no record names is deleted (a write that crashed between its file and its
 * record, or an old version whose deletion a crash interrupted — never visible, so never lost); a record whose file is
 * gone (the disk lost it) is dropped with a log line, since answering it would fail every read.
 */
final class Recovery {
    private Recovery() {
    }

    /** Loads everything into {@code engine}; returns the highest sequencer in use. */
    static long load(S3Engine engine) {
        S3StoreLayout layout = engine.layout;
        long[] highest = {0};
        engine.store.scan(layout.buckets, new byte[0], (key, value) -> {
            String name = new String(key, StandardCharsets.UTF_8);
            engine.buckets.put(name, S3StoreLayout.decodeBucket(name, value));
        });
        Set<String> referenced = new HashSet<>();
        WriteBatch dropped = new WriteBatch();
        engine.store.scan(layout.objects, new byte[0], (key, value) -> {
            int zero = 0;
            while (key[zero] != 0) {
                zero++;
            }
            String bucketName = new String(key, 0, zero, StandardCharsets.UTF_8);
            String objectKey = S3StoreLayout.keyOf(key);
            Bucket bucket = engine.buckets.get(bucketName);
            StoredObject o = S3StoreLayout.decodeObject(bucketName, objectKey, value);
            if (bucket == null) {
                dropped.delete(layout.objects, key);
                return;
            }
            if (!engine.files.exists(o.fileId())) {
                S3Engine.log().warn("S3 object {}/{} dropped: its file {} is missing from {}", bucketName, objectKey,
                        o.fileId(), engine.files.directory());
                dropped.delete(layout.objects, key);
                return;
            }
            bucket.objects.put(objectKey, o);
            referenced.add(o.fileId());
            highest[0] = Math.max(highest[0], o.sequencer());
        });
        engine.store.scan(layout.uploads, new byte[0], (key, value) -> {
            String uploadId = new String(key, StandardCharsets.UTF_8);
            Upload u = S3StoreLayout.decodeUpload(uploadId, value);
            engine.uploads.put(uploadId, u);
            highest[0] = Math.max(highest[0], u.sequencerAtStart);
        });
        engine.store.scan(layout.parts, new byte[0], (key, value) -> {
            int zero = 0;
            while (key[zero] != 0) {
                zero++;
            }
            String uploadId = new String(key, 0, zero, StandardCharsets.UTF_8);
            int number = ByteBuffer.wrap(key, zero + 1, 4).getInt();
            Upload u = engine.uploads.get(uploadId);
            Part p = S3StoreLayout.decodePart(number, value);
            if (u == null || !engine.files.exists(p.fileId())) {
                if (u != null) {
                    S3Engine.log().warn("S3 upload {}: part {} dropped, its file {} is missing", uploadId, number,
                            p.fileId());
                }
                dropped.delete(layout.parts, key);
                return;
            }
            u.parts.put(number, p);
            referenced.add(p.fileId());
        });
        engine.store.scan(layout.outbox, new byte[0], (key, value) -> {
            long number = ByteBuffer.wrap(key).getLong();
            engine.notifications.recovered(S3StoreLayout.decodeOutbox(number, value));
        });
        if (!dropped.isEmpty()) {
            engine.commit(dropped);
        }
        try {
            int removed = 0;
            for (String name : engine.files.list()) {
                if (!referenced.contains(name)) {
                    engine.files.deleteQuietly(name);
                    removed++;
                }
            }
            if (removed > 0) {
                engine.files.syncDirectory();
                S3Engine.log().info("S3: removed {} orphaned file(s) from {}", removed, engine.files.directory());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return highest[0];
    }
}
