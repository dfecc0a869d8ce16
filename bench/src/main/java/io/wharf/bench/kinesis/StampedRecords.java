package io.wharf.bench.kinesis;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Records of a fixed data size that carry the moment they were (meant to be) put, as
 * {@code System.nanoTime()} of this process: producers and readers live in the same JVM, so the reader
 * can subtract. Data layout: the 8-byte magic {@code "wharfbnc"}, the stamp as a big-endian long, then
 * filler up to the size. Partition keys are random, so MD5 routing spreads the records over the shards
 * evenly, as it does for most producers.
 */
final class StampedRecords {
    /** What {@link #stampOf} answers for data without a stamp (nanoTime itself may be negative). */
    static final long NO_STAMP = Long.MIN_VALUE;
    static final int MIN_DATA_BYTES = 16;
    private static final long MAGIC = 0x7768_6172_6662_6e63L; // "wharfbnc"

    private final int dataBytes;
    private final int recordsPerPut;

    StampedRecords(int dataBytes, int recordsPerPut) {
        if (dataBytes < MIN_DATA_BYTES) {
            throw new IllegalArgumentException("record data must hold the stamp (" + MIN_DATA_BYTES + " bytes), got " + dataBytes);
        }
        this.dataBytes = dataBytes;
        this.recordsPerPut = recordsPerPut;
    }

    /** One PutRecords call's entries, all stamped {@code stampNanos}. */
    List<PutRecordsRequestEntry> entries(long stampNanos) {
        byte[] data = new byte[dataBytes];
        ByteBuffer.wrap(data).putLong(MAGIC).putLong(stampNanos);
        for (int i = 16; i < dataBytes; i++) {
            data[i] = (byte) ('a' + i % 26);
        }
        SdkBytes bytes = SdkBytes.fromByteArrayUnsafe(data); // shared by the entries: nobody writes to it
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<PutRecordsRequestEntry> entries = new ArrayList<>(recordsPerPut);
        for (int i = 0; i < recordsPerPut; i++) {
            entries.add(PutRecordsRequestEntry.builder().partitionKey(Long.toHexString(random.nextLong()))
                    .data(bytes).build());
        }
        return entries;
    }

    /** The stamp of data made by {@link #entries}, or {@link #NO_STAMP} for any other data. */
    static long stampOf(SdkBytes data) {
        return stampOf(data.asByteBuffer());
    }

    /** The same for data as the KCL hands it over; the buffer's position is left as it was. */
    static long stampOf(ByteBuffer data) {
        ByteBuffer buffer = data.duplicate();
        if (buffer.remaining() < 16 || buffer.getLong() != MAGIC) {
            return NO_STAMP;
        }
        return buffer.getLong();
    }
}
