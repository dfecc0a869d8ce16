package io.wharf.sqs.engine;

/** Encoding of a remembered FIFO deduplication id ({@code sqs.dedup}: messageId, ordinal, expiresAt). */
final class Deduplications {
    private Deduplications() {
    }

    static byte[] encode(Queue.Deduplication d) {
        return SqsStoreLayout.write(out -> {
            SqsStoreLayout.writeString(out, d.messageId());
            out.writeLong(d.ordinal());
            out.writeLong(d.expiresAtMillis());
        });
    }

    static Queue.Deduplication decode(byte[] value) {
        return SqsStoreLayout.read(value, in -> new Queue.Deduplication(SqsStoreLayout.readString(in), in.readLong(),
                in.readLong()));
    }
}
