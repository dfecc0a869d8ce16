package io.wharf.sqs.engine;

import io.wharf.storage.RecordCodec;

/** Encoding of a remembered FIFO deduplication id ({@code sqs.dedup}: messageId, ordinal, expiresAt). */
final class Deduplications {
    /** How {@link io.wharf.storage.ExpiringIds} stores them. */
    static final io.wharf.storage.ExpiringIds.Codec<Queue.Deduplication> CODEC = io.wharf.storage.ExpiringIds.Codec
            .of(Deduplications::encode, Deduplications::decode, Queue.Deduplication::expiresAtMillis);

    private Deduplications() {
    }

    static byte[] encode(Queue.Deduplication d) {
        return SqsStoreLayout.write(out -> {
            RecordCodec.writeString(out, d.messageId());
            out.writeLong(d.ordinal());
            out.writeLong(d.expiresAtMillis());
        });
    }

    static Queue.Deduplication decode(byte[] value) {
        return SqsStoreLayout.read(value, in -> new Queue.Deduplication(RecordCodec.readString(in), in.readLong(),
                in.readLong()));
    }
}
